namespace PropertyPortal.Web.Infrastructure.Storage;

/// <summary>
/// Uploaded photos and documents, kept on disk outside the web root (Storage:Path, default
/// App_Data/files under the content root) and served only through a controller that has checked the
/// user may see the record. With several instances the folder must be a shared volume
/// (docs/deploy-postgres.md). Only images whose bytes say they are images are accepted.
/// </summary>
public sealed class FileStore
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private readonly string _root;

    public FileStore(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var configured = configuration["Storage:Path"];
        _root = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "App_Data", "files")
            : Path.Combine(environment.ContentRootPath, configured));
    }

    /// <summary>The image type from the file's first bytes (JPEG, PNG, WebP, GIF), or null when it is not one.</summary>
    public static (string ContentType, string Extension)? SniffImage(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xD8, 0xFF, ..] => ("image/jpeg", ".jpg"),
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => ("image/png", ".png"),
        [0x47, 0x49, 0x46, 0x38, ..] => ("image/gif", ".gif"),
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => ("image/webp", ".webp"),
        _ => null,
    };

    /// <summary>Saves an image; returns its storage key and type, or null when the upload is not an acceptable image.</summary>
    public async Task<(string Key, string ContentType)?> SaveImageAsync(IFormFile file, Guid propertyId, CancellationToken ct)
    {
        if (file.Length is 0 or > MaxBytes)
        {
            return null;
        }

        await using var input = file.OpenReadStream();
        var head = new byte[12];
        var read = await input.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        if (SniffImage(head.AsSpan(0, read)) is not { } type)
        {
            return null;
        }

        var key = $"{propertyId:N}/{Guid.CreateVersion7():N}{type.Extension}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            await output.WriteAsync(head.AsMemory(0, read), ct);
            await input.CopyToAsync(output, ct);
        }

        return (key, type.ContentType);
    }

    public string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        return path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException("Storage key outside the store.");
    }

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
