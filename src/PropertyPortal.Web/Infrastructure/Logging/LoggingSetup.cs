using Serilog;

namespace PropertyPortal.Web.Infrastructure.Logging;

public static class LoggingSetup
{
    /// <summary>Serilog from the "Serilog" section of appsettings (console and rolling files by default).</summary>
    public static void AddPortalLogging(this WebApplicationBuilder builder)
    {
        // Levels and sinks come from appsettings; the rolling file goes under the app's data folder
        // unless Logging:FilePath says otherwise (empty turns it off).
        var filePath = builder.Configuration["Logging:FilePath"] ?? Path.Combine(builder.Environment.ContentRootPath, "App_Data", "logs", "portal-.log");
        var configuration = new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration);
        if (!string.IsNullOrWhiteSpace(filePath))
        {
            configuration = configuration.WriteTo.File(filePath, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext} {Message:lj}{NewLine}{Exception}");
        }

        var logger = configuration
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Instance", Environment.MachineName)
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
    }
}
