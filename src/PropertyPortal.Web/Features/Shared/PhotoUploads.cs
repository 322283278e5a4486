using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Notifications;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Storage;

namespace PropertyPortal.Web.Features.Shared;

/// <summary>
/// Photos of a case (a repair order, a complaint): each file is checked to be an image by its first
/// bytes, stored outside the web root under its property, and recorded as an <see cref="Attachment"/>
/// in the caller's context (saved with the caller's change). Served by <c>/Repairs/Photo/{id}</c>
/// through the property filter.
/// </summary>
public static class PhotoUploads
{
    public const int MaxPerUpload = 6;

    /// <returns>How many were added, and the names of the files that are not images.</returns>
    public static async Task<(int Added, IReadOnlyList<string> Rejected)> AddAsync(
        PortalDbContext db, FileStore files, string ownerType, Guid ownerId, Guid propertyId, IEnumerable<IFormFile> photos, Actor actor, DateTime nowUtc, CancellationToken ct)
    {
        var added = 0;
        var rejected = new List<string>();
        foreach (var photo in photos.Take(MaxPerUpload))
        {
            if (await files.SaveImageAsync(photo, propertyId, ct) is not { } stored)
            {
                rejected.Add(photo.FileName);
                continue;
            }

            db.Attachments.Add(new Attachment(propertyId, ownerType, ownerId, Path.GetFileName(photo.FileName), stored.ContentType, photo.Length, stored.Key, actor, nowUtc));
            added++;
        }

        return (added, rejected);
    }
}
