# PropertyPortal: build with the .NET 10 SDK, run on the ASP.NET Core 10 runtime.
#   docker build -t property-portal .        (docker-compose.yml does this for you)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files only, so the layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/PropertyPortal.Domain/PropertyPortal.Domain.csproj src/PropertyPortal.Domain/
COPY src/PropertyPortal.Web/PropertyPortal.Web.csproj src/PropertyPortal.Web/
RUN dotnet restore src/PropertyPortal.Web/PropertyPortal.Web.csproj

COPY src/ src/
RUN dotnet publish src/PropertyPortal.Web/PropertyPortal.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# App_Data holds the SQLite file and log files when they are used; writable by the non-root user.
RUN mkdir -p /app/App_Data && chown "$APP_UID" /app/App_Data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
# Arguments after the image name are the portal's verbs: `migrate`, `create-admin --user admin`.
ENTRYPOINT ["dotnet", "PropertyPortal.Web.dll"]
