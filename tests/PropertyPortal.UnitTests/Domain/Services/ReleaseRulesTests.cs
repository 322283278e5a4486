using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Services;

namespace PropertyPortal.UnitTests.Domain.Services;

/// <summary>The large-item release's rules (002 L38, L40): what the desk may not take, each refused with its own message.</summary>
public sealed class ReleaseRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    /// <summary>A release the desk may take: two items, carried today by a named carrier for an applicant of the given relation.</summary>
    public static ReleaseDetails Release(ReleaseRelation? relation, bool movingOut = false, bool ownerConsent = false, decimal owed = 0,
        string items = "冰箱一台\n旧沙发一张", DateOnly? date = null) =>
        new(items, "李师傅", "13800000000", date ?? Today, relation, movingOut, ownerConsent, owed);

    [Theory]
    [InlineData(ReleaseRelation.Owner)]
    [InlineData(ReleaseRelation.Tenant)]
    [InlineData(ReleaseRelation.Authorised)]
    public void An_occupant_or_an_authorised_person_may_release_items_today(ReleaseRelation relation) =>
        ReleaseRules.Verify(Release(relation), Today);

    [Theory]
    [InlineData("", "ReleaseNoItems")]
    [InlineData("\n  \n", "ReleaseNoItems")]
    public void A_slip_with_nothing_listed_is_refused(string items, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => ReleaseRules.Verify(Release(ReleaseRelation.Owner, items: items), Today)).Code);

    [Fact]
    public void A_slip_holds_30_lines_and_refuses_the_31st()
    {
        var thirty = string.Join('\n', Enumerable.Range(1, ReleaseDetails.MaxItems).Select(i => $"纸箱{i}"));
        ReleaseRules.Verify(Release(ReleaseRelation.Owner, items: thirty), Today);

        var error = Assert.Throws<DomainException>(() => ReleaseRules.Verify(Release(ReleaseRelation.Owner, items: thirty + "\n纸箱31"), Today));
        Assert.Equal("ReleaseTooManyItems", error.Code);
    }

    [Fact]
    public void Blank_lines_do_not_count_as_items() =>
        Assert.Equal(["冰箱一台", "旧沙发一张"], Release(ReleaseRelation.Owner, items: " 冰箱一台 \n\n旧沙发一张\n").ItemLines);

    [Fact]
    public void A_release_dated_yesterday_is_refused_and_one_dated_today_is_taken()
    {
        ReleaseRules.Verify(Release(ReleaseRelation.Owner, date: Today), Today);
        var error = Assert.Throws<DomainException>(() => ReleaseRules.Verify(Release(ReleaseRelation.Owner, date: Today.AddDays(-1)), Today));
        Assert.Equal("ReleaseDateInPast", error.Code);
    }

    [Fact]
    public void Someone_who_neither_lives_there_nor_holds_the_owners_authorisation_is_refused() =>
        Assert.Equal("ReleaseNotAuthorised", Assert.Throws<DomainException>(() => ReleaseRules.Verify(Release(null), Today)).Code);

    [Fact]
    public void A_tenant_moving_out_with_fees_owed_needs_the_owners_consent()
    {
        var error = Assert.Throws<DomainException>(() => ReleaseRules.Verify(Release(ReleaseRelation.Tenant, movingOut: true, owed: 0.01m), Today));
        Assert.Equal("ReleaseMoveOutNeedsConsent", error.Code);

        ReleaseRules.Verify(Release(ReleaseRelation.Tenant, movingOut: true, ownerConsent: true, owed: 120m), Today);
        ReleaseRules.Verify(Release(ReleaseRelation.Tenant, movingOut: true, owed: 0m), Today);
        ReleaseRules.Verify(Release(ReleaseRelation.Owner, movingOut: true, owed: 120m), Today);
        ReleaseRules.Verify(Release(ReleaseRelation.Tenant, movingOut: false, owed: 120m), Today);
    }
}
