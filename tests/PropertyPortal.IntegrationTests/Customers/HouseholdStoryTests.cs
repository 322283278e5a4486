using System.Net;
using Microsoft.EntityFrameworkCore;
using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Complaints;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.FrontDesk;
using PropertyPortal.Domain.Repairs;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Customers;
using PropertyPortal.Web.Infrastructure;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Customers;

/// <summary>
/// 户档案时间线 over HTTP on both databases: the household page tells the household's contacts, repairs, complaints
/// and payments in one timeline, newest first, each linked to its case; paging neither repeats nor skips an entry;
/// and a desk of another property gets 404 for the page, so its story is never shown.
/// </summary>
public abstract class HouseholdStoryTests(PortalFactory factory)
{
    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_household_s_contact_repair_complaint_and_payment_are_one_timeline_newest_first_each_linked_to_its_case()
    {
        var (customer, unit) = await HouseholdAsync(41);
        var contact = await ContactAsync(customer, unit, App.Clock.UtcNow.AddMinutes(-1), "咨询停车位");
        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var repair = IdFrom(await desk.SubmitFormAsync($"/Repairs/Create?unitId={unit}&customerId={customer}", "main form[method='post']", new Dictionary<string, string>
        {
            ["Location"] = "卫生间", ["Description"] = "水龙头滴水", ["CategoryId"] = (await CategoryAsync()).ToString(), ["Urgency"] = nameof(RepairUrgency.Normal),
            ["Billing"] = nameof(RepairBilling.Warranty),
        }), "/Repairs/Details/");
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        var complaint = IdFrom(await desk.SubmitFormAsync($"/Complaints/Create?customerId={customer}", "main form[method='post']", new Dictionary<string, string>
        {
            ["CategoryId"] = (await ComplaintCategoryAsync()).ToString(), ["Tier"] = nameof(ComplaintTier.Minor), ["Channel"] = nameof(ComplaintChannel.Phone),
            ["Content"] = "维修师傅迟到",
        }), "/Complaints/Details/");
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await ChargeAsync(unit, 30m);
        // The cashier types the payer; a household of the unit is linked by its name.
        string payer;
        using (var db = Db())
        {
            payer = await db.Customers.Where(c => c.Id == customer).Select(c => c.Name).SingleAsync(Ct);
        }

        var paid = await desk.SubmitFormAsync($"/Fees/Account/{unit}", "#pay-form", new Dictionary<string, string>
        {
            ["Amount"] = "30.00", ["PayerName"] = payer, ["Kind"] = nameof(PaymentKind.Counter), ["Method"] = nameof(PaymentMethod.Cash),
        });
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        var payment = Guid.Parse(paid.RedirectPath()["/Fees/Receipt/".Length..], System.Globalization.CultureInfo.InvariantCulture);

        var page = await desk.GetDocumentAsync($"/Customers/Details/{customer}");
        var links = page.QuerySelectorAll("#story-entries li a").Select(a => a.GetAttribute("href")).ToList();

        string[] expected = [$"/Fees/Payment/{payment}", $"/Complaints/Details/{complaint}", $"/Repairs/Details/{repair}", $"/Contacts/Details/{contact}"];
        Assert.Equal(expected, links.Where(l => expected.Contains(l)).Distinct().ToList());
        Assert.Equal(0, links.IndexOf(expected[0]));
    }

    [Fact]
    public async Task Paging_the_story_neither_repeats_nor_skips_an_entry_and_goes_from_new_to_old()
    {
        var (customer, unit) = await HouseholdAsync(42);
        var start = App.Clock.UtcNow.AddSeconds(-40);
        var contacts = new List<Guid>();
        for (var i = 0; i < HouseholdStory.PageSize + 7; i++)
        {
            contacts.Add(await ContactAsync(customer, unit, start.AddSeconds(i), $"来电 {i}"));
        }

        using var desk = await PortalClient.SignedInAsync(App, "frontdesk");
        var first = await StoryLinksAsync(desk, customer, 1);
        var second = await StoryLinksAsync(desk, customer, 2);

        Assert.Equal(HouseholdStory.PageSize, first.Count);
        Assert.NotEmpty(second);
        Assert.Empty(first.Intersect(second));

        // The household's newest entries are these contacts: across both pages they come newest first, none twice, none missed.
        var contactLinks = first.Concat(second).Where(l => l.StartsWith("/Contacts/", StringComparison.Ordinal)).ToList();
        Assert.True(contactLinks.Count > HouseholdStory.PageSize);
        Assert.Equal(contacts.AsEnumerable().Reverse().Select(id => $"/Contacts/Details/{id}").Take(contactLinks.Count), contactLinks);
        var firstPage = await desk.GetDocumentAsync($"/Customers/Details/{customer}?story=1");
        Assert.NotNull(firstPage.QuerySelector("#story a[rel='next']"));
        Assert.Null(firstPage.QuerySelector("#story a[rel='prev']"));
    }

    [Fact]
    public async Task A_desk_of_another_property_gets_404_for_the_household_and_sees_none_of_its_story()
    {
        var (customer, unit) = await HouseholdAsync(43);
        var contact = await ContactAsync(customer, unit, App.Clock.UtcNow.AddMinutes(-2), "投诉噪音");
        using var office = await PortalClient.SignedInAsync(App, "officedesk");

        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/Customers/Details/{customer}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/Customers/Details/{customer}?story=2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/Contacts/Details/{contact}")).StatusCode);
    }

    private static async Task<List<string>> StoryLinksAsync(PortalClient client, Guid customer, int page) =>
        (await client.GetDocumentAsync($"/Customers/Details/{customer}?story={page}")).QuerySelectorAll("#story-entries li")
            .Select(li => li.QuerySelector("a")?.GetAttribute("href") ?? "").ToList();

    /// <summary>A current household of the residential property and one of its units.</summary>
    private async Task<(Guid Customer, Guid Unit)> HouseholdAsync(int skip)
    {
        using var db = Db();
        var property = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(Ct);
        var o = await db.Occupancies.Where(o => o.PropertyId == property && o.EndDate == null).OrderBy(o => o.Id).Skip(skip).FirstAsync(Ct);
        return (o.CustomerId, o.UnitId);
    }

    private async Task<Guid> ContactAsync(Guid customer, Guid unit, DateTime at, string subject)
    {
        using var db = Db();
        var property = await db.Units.Where(u => u.Id == unit).Select(u => u.PropertyId).SingleAsync(Ct);
        var contact = new Contact(property, at, ContactSource.Phone, unit, customer, "户主", null, subject, null, new Actor(null, "张前台"), App.Clock.UtcNow);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(Ct);
        return contact.Id;
    }

    private async Task ChargeAsync(Guid unit, decimal amount)
    {
        using var db = Db();
        var property = await db.Units.Where(u => u.Id == unit).Select(u => u.PropertyId).SingleAsync(Ct);
        db.Charges.Add(new Charge(property, unit, null, null, FeeKind.OneOff, null, "有偿服务", 1, amount, amount, PortalClock.Today(App.Clock),
            "T:story:" + Guid.NewGuid().ToString("N"), new Actor(null, "t"), App.Clock.UtcNow));
        await db.SaveChangesAsync(Ct);
    }

    private async Task<Guid> CategoryAsync()
    {
        using var db = Db();
        return await db.RepairCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
    }

    private async Task<Guid> ComplaintCategoryAsync()
    {
        using var db = Db();
        return await db.ComplaintCategories.Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync(Ct);
    }

    private static Guid IdFrom(HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(path, response.RedirectPath());
        return Guid.Parse(response.RedirectPath()[path.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private PortalDbContext Db() => App.CreateDbContext(SystemPropertyScope.Instance);
}

public sealed class SqliteHouseholdStoryTests(SqlitePortalFactory factory) : HouseholdStoryTests(factory), IClassFixture<SqlitePortalFactory>;

public sealed class PostgresHouseholdStoryTests(PostgresPortalFactory factory) : HouseholdStoryTests(factory), IClassFixture<PostgresPortalFactory>;
