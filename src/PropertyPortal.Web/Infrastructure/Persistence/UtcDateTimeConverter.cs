using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// All instants are stored in UTC. SQLite forgets the kind on the way back and Npgsql refuses
/// non-UTC values for timestamptz, so the kind is pinned both ways.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
