using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.Web.Infrastructure.DataProtection;

/// <summary>
/// Keeps the data-protection key ring in the portal's database, so every instance behind the load
/// balancer can read the others' sign-in and antiforgery cookies.
/// </summary>
public sealed class DbXmlRepository(IServiceProvider services) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return db.DataProtectionKeys.AsEnumerable().Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}

public static class DataProtectionSetup
{
    /// <summary>Whether the key ring is encrypted at rest: a PFX certificate is configured (DataProtection:CertificatePath).</summary>
    public static bool EncryptsKeys(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["DataProtection:CertificatePath"]);

    public static void AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("PropertyPortal");
        if (EncryptsKeys(builder.Configuration))
        {
            // Every instance loads the same certificate; keys written before it was configured stay readable.
            var path = Path.Combine(builder.Environment.ContentRootPath, builder.Configuration["DataProtection:CertificatePath"]!);
            dataProtection.ProtectKeysWithCertificate(
                System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, builder.Configuration["DataProtection:CertificatePassword"]));
        }

        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DbXmlRepository(sp)));
    }
}
