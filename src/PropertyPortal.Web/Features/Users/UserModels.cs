namespace PropertyPortal.Web.Features.Users;

/// <summary>One user as the administrator sees them; <see cref="PropertyNames"/> is empty when <see cref="SeesAll"/>.</summary>
public sealed record UserRow(
    string Id,
    string UserName,
    string DisplayName,
    IReadOnlyList<string> Roles,
    bool SeesAll,
    IReadOnlyList<string> PropertyNames,
    bool IsDisabled,
    DateTimeOffset? LockedUntil);

public sealed record UserDetails(
    UserRow User,
    DateTime CreatedAt,
    int AccessFailedCount,
    bool IsSelf);

public sealed record PropertyOption(Guid Id, string Code, string Name, bool IsActive);
