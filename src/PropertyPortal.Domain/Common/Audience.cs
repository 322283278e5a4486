namespace PropertyPortal.Domain.Common;

/// <summary>Whom a notice or an invitation is for: the whole property, or some of its buildings.</summary>
public enum AudienceScope
{
    /// <summary>全体住户.</summary>
    Property,

    /// <summary>指定楼栋.</summary>
    Buildings,
}
