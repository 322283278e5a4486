using PropertyPortal.Web.Infrastructure.DataProtection;
using PropertyPortal.Web.Infrastructure.Localization;
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
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext} {Message:lj}{NewLine}{Exception}",
                formatProvider: LocalizationSetup.Chinese);
        }

        // Keys kept in the database without a certificate are the accepted design (ADR 0008): the data-protection
        // warning about it says nothing an operator can act on, so only that one message is left out.
        if (!DataProtectionSetup.EncryptsKeys(builder.Configuration))
        {
            configuration = configuration.Filter.ByExcluding(e =>
                e.MessageTemplate.Text.StartsWith("No XML encryptor configured", StringComparison.Ordinal)
                && e.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("DataProtection", StringComparison.Ordinal));
        }

        var logger = configuration
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Instance", Environment.MachineName)
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
    }
}
