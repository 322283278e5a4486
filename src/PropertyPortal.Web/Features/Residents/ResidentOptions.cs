using System.ComponentModel.DataAnnotations;
using PropertyPortal.Domain.Residents;

namespace PropertyPortal.Web.Features.Residents;

/// <summary>
/// Section Residents: the household door's limits (defaults from issue #20) and what the bill page shows for
/// paying by transfer. Checked at start-up.
/// </summary>
public sealed class ResidentOptions
{
    public const string Section = "Residents";

    /// <summary>How long an SMS sign-in code works.</summary>
    [Range(1, 60)]
    public int CodeMinutes { get; set; } = SignInLimits.Default.CodeMinutes;

    /// <summary>Tries one code allows (wrong ones count).</summary>
    [Range(1, 20)]
    public int CodeTries { get; set; } = SignInLimits.Default.MaxTries;

    /// <summary>At most one code in this many seconds, per number and per client address.</summary>
    [Range(0, 3600)]
    public int CodeIntervalSeconds { get; set; } = SignInLimits.Default.MinSecondsBetweenCodes;

    /// <summary>At most this many codes in 24 hours, per number and per client address.</summary>
    [Range(1, 1000)]
    public int CodesPerDay { get; set; } = SignInLimits.Default.MaxCodesPerDay;

    /// <summary>Invitation codes tried per client address per hour (a guess costs one).</summary>
    [Range(1, 1000)]
    public int InvitationTriesPerHour { get; set; } = 10;

    /// <summary>How long a household stays signed in on its phone (sliding).</summary>
    [Range(1, 365)]
    public int CookieDays { get; set; } = 30;

    public SignInLimits Limits => new(CodeMinutes, CodeTries, CodeIntervalSeconds, CodesPerDay);
}
