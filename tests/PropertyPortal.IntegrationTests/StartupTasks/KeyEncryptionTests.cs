using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;

namespace PropertyPortal.IntegrationTests.StartupTasks;

/// <summary>With DataProtection:CertificatePath set, the sign-in keys kept in the database are encrypted with the certificate (ADR 0008).</summary>
public sealed class KeyEncryptionTests(KeyEncryptionTests.WithCertificate app) : IClassFixture<KeyEncryptionTests.WithCertificate>
{
    [Fact]
    public async Task Keys_written_with_a_certificate_configured_are_encrypted_at_rest()
    {
        using var client = PortalClient.Anonymous(app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);

        using var db = app.CreateDbContext(SystemPropertyScope.Instance);
        var keys = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(TestContext.Current.CancellationToken);

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    /// <summary>An empty database (its first key is written by this portal) and a self-signed certificate in a PFX.</summary>
    public sealed class WithCertificate : SqlitePortalFactory
    {
        private readonly string _pfx = Path.Combine(Path.GetTempPath(), "portal-keys-" + Guid.NewGuid().ToString("N") + ".pfx");

        protected override bool SeedDemo => false;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=PropertyPortal keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, "test-pass"));

            base.ConfigureWebHost(builder);
            builder.UseSetting("DataProtection:CertificatePath", _pfx);
            builder.UseSetting("DataProtection:CertificatePassword", "test-pass");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(_pfx);
        }
    }
}
