using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Storage;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>
/// Photos posted with a case step, stored before the step runs and recorded with it: <see cref="AddTo"/> is
/// called inside the step, so their attachment rows are saved in the step's one save or not at all, and
/// <see cref="Discard"/> deletes the stored files when the step did not go through — a refused step leaves
/// neither rows nor files behind.
/// </summary>
public sealed class StagedPhotos
{
    private readonly FileStore _files;
    private readonly List<(string Key, string ContentType, string Name, long Length)> _stored = [];

    private StagedPhotos(FileStore files, IReadOnlyList<string> rejected)
    {
        _files = files;
        Rejected = rejected;
    }

    /// <summary>Names of the files that are not images (or too large): nothing of them is stored.</summary>
    public IReadOnlyList<string> Rejected { get; }

    public int Count => _stored.Count;

    /// <summary>Stores up to <see cref="PhotoUploads.MaxPerUpload"/> images of <paramref name="photos"/> under the property.</summary>
    public static async Task<StagedPhotos> StoreAsync(FileStore files, IEnumerable<IFormFile>? photos, Guid propertyId, CancellationToken ct)
    {
        var rejected = new List<string>();
        var staged = new StagedPhotos(files, rejected);
        foreach (var photo in (photos ?? []).Take(PhotoUploads.MaxPerUpload))
        {
            if (photo.Length > FileStore.MaxBytes || await files.SaveImageAsync(photo, propertyId, ct) is not { } stored)
            {
                rejected.Add(photo.FileName);
                continue;
            }

            staged._stored.Add((stored.Key, stored.ContentType, Path.GetFileName(photo.FileName), photo.Length));
        }

        return staged;
    }

    /// <summary>Records the stored photos as attachments of <paramref name="ownerType"/> <paramref name="ownerId"/> (inside the step).</summary>
    public void AddTo(PortalDbContext db, string ownerType, Guid ownerId, Guid propertyId, Actor by, DateTime nowUtc)
    {
        foreach (var (key, type, name, length) in _stored)
        {
            db.Attachments.Add(new Attachment(propertyId, ownerType, ownerId, name, type, length, key, by, nowUtc));
        }
    }

    /// <summary>The step was not saved: the stored files go too.</summary>
    public void Discard()
    {
        _stored.ForEach(s => _files.Delete(s.Key));
        _stored.Clear();
    }
}
