using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPortal.IntegrationTests.Infrastructure;
using PropertyPortal.Web.Features.Import;
using PropertyPortal.Web.Infrastructure.Identity;
using PropertyPortal.Web.Infrastructure.Persistence;
using PropertyPortal.Web.Infrastructure.Seeding;

namespace PropertyPortal.IntegrationTests.Security;

/// <summary>
/// The property wall, walked over every route the app has: frontdesk works at 翠湖花园 (CHHY) only, so no
/// URL, form post, list, search or export may show or change a record of 国贸大厦 (GMDS). The same walk runs
/// as a manager assigned to CHHY only, who may open the registry-structure routes frontdesk is denied.
/// Routes are read from the app at run time, so every feature merged later is walked without touching this file.
/// </summary>
public abstract partial class RouteWalkTests(PortalFactory factory, ITestOutputHelper output)
{
    /// <summary>A manager limited to CHHY: walks the registry-structure routes frontdesk is not even allowed to open.</summary>
    private const string ScopedManager = "chhymanager";

    // Routes that are about the session itself, not about records.
    private static readonly HashSet<string> SessionActions = ["Account/Logout", "Account/Login", "Home/SetLanguage", "Home/Error", "Home/Status"];

    private PortalFactory App
    {
        get
        {
            factory.EnsureAvailable();
            return factory;
        }
    }

    [Theory]
    [InlineData("frontdesk", Roles.FrontDesk)]
    [InlineData(ScopedManager, Roles.Manager)]
    public async Task A_user_of_one_property_gets_404_for_every_record_of_another_property_on_every_GET_route_with_an_id(string walker, string role)
    {
        output.WriteLine($"walking as {walker} ({role}), assigned to CHHY only");
        var office = await OfficeRecordsAsync();
        using var client = await PortalClient.SignedInAsync(App, walker);
        var principal = ActionRoutes.UserInRole(walker, role);
        var failures = new List<string>();
        var walked = 0;

        foreach (var route in ActionRoutes.All(App.Services).Where(r => r.AllowsGet && r.HasId && !IsSession(r)))
        {
            var mayUse = await route.AdmitsAsync(App.Services, principal);
            foreach (var (kind, id) in Samples(office))
            {
                if (route.Path(id) is not { } path)
                {
                    output.WriteLine($"skipped {route}: its route needs values the walk cannot supply");
                    break;
                }

                var response = await client.GetAsync(path);
                walked++;
                var ok = response.StatusCode == HttpStatusCode.NotFound || (!mayUse && response.IsAccessDenied());
                output.WriteLine($"GET {path} ({kind}) -> {(int)response.StatusCode}{Where(response)}{(ok ? "" : "   <-- LEAK")}");
                if (!ok)
                {
                    failures.Add($"GET {path} with a GMDS {kind} id answered {(int)response.StatusCode}{Where(response)}; expected 404{(mayUse ? "" : " or AccessDenied")}");
                }
            }
        }

        output.WriteLine($"{walked} requests walked");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("frontdesk", Roles.FrontDesk)]
    [InlineData(ScopedManager, Roles.Manager)]
    public async Task A_user_of_one_property_posting_to_any_route_with_an_id_of_another_property_gets_404_and_changes_nothing(string walker, string role)
    {
        output.WriteLine($"walking as {walker} ({role}), assigned to CHHY only");
        var office = await OfficeRecordsAsync();
        var before = await FingerprintAsync(office.PropertyId);
        using var client = await PortalClient.SignedInAsync(App, walker);
        var token = await client.AntiforgeryTokenAsync();
        var principal = ActionRoutes.UserInRole(walker, role);
        var failures = new List<string>();
        var walked = 0;

        foreach (var route in ActionRoutes.All(App.Services).Where(r => r.AllowsPost && r.HasId && !IsSession(r)))
        {
            var mayUse = await route.AdmitsAsync(App.Services, principal);
            foreach (var (kind, id) in Samples(office))
            {
                if (route.Path(id) is not { } path)
                {
                    output.WriteLine($"skipped {route}: its route needs values the walk cannot supply");
                    break;
                }

                var fields = new Dictionary<string, string> { [PortalClient.TokenField] = token, ["Id"] = id, ["Version"] = "0" };
                var response = await client.PostAsync(path, fields);
                walked++;
                var ok = response.StatusCode == HttpStatusCode.NotFound || (!mayUse && response.IsAccessDenied());
                output.WriteLine($"POST {path} ({kind}) -> {(int)response.StatusCode}{Where(response)}{(ok ? "" : "   <-- WRONG")}");
                if (!ok)
                {
                    failures.Add($"POST {path} with a GMDS {kind} id answered {(int)response.StatusCode}{Where(response)}; expected 404{(mayUse ? "" : " or AccessDenied")}");
                }
            }
        }

        output.WriteLine($"{walked} posts walked");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await FingerprintAsync(office.PropertyId));
    }

    [Theory]
    [InlineData("frontdesk", Roles.FrontDesk)]
    [InlineData(ScopedManager, Roles.Manager)]
    public async Task A_user_of_one_property_lists_searches_forms_and_exports_never_show_a_record_of_another_property(string walker, string role)
    {
        output.WriteLine($"walking as {walker} ({role}), assigned to CHHY only");
        var office = await OfficeRecordsAsync();
        var needles = await NeedlesAsync(office);
        using var client = await PortalClient.SignedInAsync(App, walker);
        var failures = new List<string>();
        var walked = 0;

        foreach (var route in ActionRoutes.All(App.Services).Where(r => r.AllowsGet && !r.HasId && !IsSession(r)))
        {
            if (route.Path(null) is not { } path)
            {
                output.WriteLine($"skipped {route}: its route needs values the walk cannot supply");
                continue;
            }

            foreach (var query in Queries(route, office))
            {
                var url = query.Count == 0 ? path : path + "?" + string.Join('&', query.Select(q => q.Key + "=" + Uri.EscapeDataString(q.Value)));
                var response = await client.GetAsync(url);
                walked++;
                var body = await ResponseText.ReadableAsync(response);
                var echoed = query.Values.ToHashSet();
                var leaked = needles.Where(n => !echoed.Contains(n) && body.Contains(n, StringComparison.Ordinal)).Take(5).ToList();
                output.WriteLine($"GET {url} -> {(int)response.StatusCode}{Where(response)} {body.Length} chars{(leaked.Count == 0 ? "" : "   <-- LEAK " + string.Join(", ", leaked))}");
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"GET {url} answered {(int)response.StatusCode}");
                }

                if (leaked.Count > 0)
                {
                    failures.Add($"GET {url} shows GMDS data: {string.Join(", ", leaked)}");
                }
            }
        }

        output.WriteLine($"{walked} requests walked, {needles.Count} GMDS values looked for");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("frontdesk", Roles.FrontDesk)]
    [InlineData(ScopedManager, Roles.Manager)]
    public async Task A_user_of_one_property_posting_new_records_into_another_property_creates_nothing_there(string walker, string role)
    {
        output.WriteLine($"walking as {walker} ({role}), assigned to CHHY only");
        var office = await OfficeRecordsAsync();
        var needles = await NeedlesAsync(office);
        var before = await FingerprintAsync(office.PropertyId);
        using var client = await PortalClient.SignedInAsync(App, walker);
        var token = await client.AntiforgeryTokenAsync();
        var failures = new List<string>();

        foreach (var route in ActionRoutes.All(App.Services).Where(r => r.AllowsPost && !r.HasId && !IsSession(r) && r.Controller != "Account"))
        {
            if (route.Path(null) is not { } path)
            {
                continue;
            }

            // Start from the route's own form when it has one, then point every record reference at GMDS.
            var fields = await FormFieldsAsync(client, path);
            fields[PortalClient.TokenField] = token;
            foreach (var name in fields.Keys.Concat(route.OtherParameters).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
            {
                if (OfficeIdFor(name, office) is { } id)
                {
                    fields[name] = id;
                }
            }

            var response = await client.PostAsync(path, fields);
            var body = WithoutRandomText(await ResponseText.ReadableAsync(response));
            var echoed = fields.Values.ToHashSet();
            var leaked = needles.Where(n => !echoed.Contains(n) && body.Contains(n, StringComparison.Ordinal)).Take(5).ToList();
            output.WriteLine($"POST {path} [{string.Join(", ", fields.Keys.Where(k => k != PortalClient.TokenField))}] -> {(int)response.StatusCode}{Where(response)}{(leaked.Count == 0 ? "" : "   <-- LEAK " + string.Join(", ", leaked))}");
            if ((int)response.StatusCode >= 500 || leaked.Count > 0)
            {
                failures.Add($"POST {path} answered {(int)response.StatusCode}{(leaked.Count == 0 ? "" : " showing GMDS data " + string.Join(", ", leaked))}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.Equal(before, await FingerprintAsync(office.PropertyId));
    }

    [Fact]
    public async Task The_walk_would_notice_a_leak_because_the_office_desk_sees_what_frontdesk_must_not()
    {
        var office = await OfficeRecordsAsync();
        using var officedesk = await PortalClient.SignedInAsync(App, "officedesk");
        using var frontdesk = await PortalClient.SignedInAsync(App, "frontdesk");

        // The 404s above mean something only if the same URLs open for a user of GMDS.
        var principal = ActionRoutes.UserInRole("officedesk", Roles.FrontDesk);
        var opened = new List<string>();
        var idRoutes = 0;
        foreach (var route in ActionRoutes.All(App.Services).Where(r => r.AllowsGet && r.HasId && !IsSession(r)))
        {
            if (!await route.AdmitsAsync(App.Services, principal))
            {
                continue;
            }

            idRoutes++;
            foreach (var (kind, id) in Samples(office))
            {
                if (route.Path(id) is { } path && (await officedesk.GetAsync(path)).StatusCode == HttpStatusCode.OK)
                {
                    opened.Add($"{path} ({kind})");
                }
            }
        }

        output.WriteLine($"officedesk opened {opened.Count} GMDS record pages on {idRoutes} id routes: {string.Join(", ", opened)}");
        Assert.True(idRoutes == 0 || opened.Count > 0, "No GET route with an id opened for the GMDS user: the walk's URLs may not reach the actions.");

        var officeHome = await ResponseText.ReadableAsync(await officedesk.GetAsync("/"));
        var frontHome = await ResponseText.ReadableAsync(await frontdesk.GetAsync("/"));

        Assert.Contains(office.Name, officeHome);
        Assert.DoesNotContain(office.Name, frontHome);
        Assert.Contains("翠湖花园", frontHome);
    }

    /// <summary>
    /// The page without the text that is random on every request — the error page's request id (a base-32 counter) and
    /// the antiforgery tokens — so that a property code such as GMDS found by chance inside one of them is not reported as a leak.
    /// </summary>
    private static string WithoutRandomText(string body) =>
        RandomText().Replace(body, string.Empty);

    [System.Text.RegularExpressions.GeneratedRegex("<code data-request-id>[^<]*</code>|<input name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex RandomText();

    /// <summary>Session routes, and the household's own pages (/My): a staff cookie is no one there — ResidentSignInTests walks them.</summary>
    private static bool IsSession(ActionRoute route) => SessionActions.Contains(route.Controller + "/" + route.Action) || route.Controller == "My";

    private static string Where(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? " -> " + location.OriginalString : "";

    /// <summary>The query strings a list/search/export route is tried with: bare, filtered to GMDS, and searched for GMDS values.</summary>
    private static List<Dictionary<string, string>> Queries(ActionRoute route, PropertyRecords office)
    {
        var references = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in route.OtherParameters)
        {
            if (OfficeIdFor(name, office) is { } id)
            {
                references[name] = id;
            }
        }

        references.TryAdd("propertyId", office.PropertyId.ToString());
        var customer = office.Customers.First(c => c.Phone is { Length: 11 });
        var unit = office.Units[^1];
        return
        [
            [],
            references,
            new(references) { ["q"] = customer.Phone! },
            new() { ["q"] = customer.Phone! },
            new() { ["q"] = customer.Phone![^4..] },
            new() { ["q"] = unit.Number },
            new() { ["q"] = customer.Name },
        ];
    }

    /// <summary>A GMDS id for a parameter or form field that names a record (propertyId, unitId, customerId …).</summary>
    private static string? OfficeIdFor(string name, PropertyRecords office) => name.ToLowerInvariant() switch
    {
        "propertyid" or "property" => office.PropertyId.ToString(),
        "buildingid" => office.Buildings[0].ToString(),
        "unitid" => office.Units[0].Id.ToString(),
        "customerid" or "ownerid" or "tenantid" => office.Customers[^1].Id.ToString(),
        "occupancyid" => office.Occupancies[0].ToString(),
        "memberid" or "householdmemberid" => office.Members[0].Id.ToString(),
        "keyid" or "officekeyid" => office.Keys[0].ToString(),
        _ => null,
    };

    /// <summary>GMDS values that appear in no CHHY record, so finding one in a frontdesk page can only be a leak.</summary>
    private async Task<IReadOnlyList<string>> NeedlesAsync(PropertyRecords office)
    {
        var home = await PropertyRecords.ResidentialAsync(App.Services);

        // Demo names are drawn from one small pool, so a GMDS name can legitimately belong to a CHHY
        // person too (an owner, a member, an emergency contact): only values CHHY never has prove a leak.
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var emergencyContacts = await db.Customers.AsNoTracking().Where(c => c.PropertyId == home.PropertyId)
            .Select(c => c.EmergencyContactName + " " + c.EmergencyContactPhone).ToListAsync(TestContext.Current.CancellationToken);
        var homeText = string.Join('\n', home.Customers.Select(c => c.Name + " " + c.Phone)
            .Concat(home.Members.Select(m => m.Name + " " + m.Phone))
            .Concat(emergencyContacts)
            .Concat(home.Units.Select(u => u.Number)));
        var candidates = new List<string> { office.Name, office.Code };
        candidates.AddRange(office.Units.Select(u => u.Number));
        candidates.AddRange(office.Customers.Select(c => c.Name));
        candidates.AddRange(office.Customers.Select(c => c.Phone).OfType<string>());
        candidates.AddRange(office.Members.Select(m => m.Name).Where(n => n.Length >= 3));
        candidates.AddRange(office.Members.Select(m => m.Phone).OfType<string>());
        candidates.AddRange(Samples(office).Select(s => s.Id));
        return candidates.Where(c => c.Length >= 4 || c == office.Code || c.Length >= 3 && !char.IsAscii(c[0]))
            .Where(c => !homeText.Contains(c, StringComparison.Ordinal))
            .Distinct()
            .ToList();
    }

    private static async Task<Dictionary<string, string>> FormFieldsAsync(PortalClient client, string path)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return fields;
        }

        var document = await PortalClient.ParseAsync(response);
        var form = document.QuerySelectorAll<IHtmlFormElement>("main form[method='post']").FirstOrDefault();
        if (form is null)
        {
            return fields;
        }

        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("checkbox" or "radio") || input.IsChecked:
                    fields[name] = input.Value is { Length: > 0 } v ? v : input.Type switch
                    {
                        "number" => "1",
                        "date" => "2026-01-01",
                        "email" => "walk@example.com",
                        "tel" => "13912345678",
                        _ => "路由巡检",
                    };
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields[name] = select.Value ?? select.Options.Skip(1).FirstOrDefault()?.Value ?? "";
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields[name] = area.Value;
                    break;
            }
        }

        return fields;
    }

    private async Task<PropertyRecords> OfficeRecordsAsync()
    {
        await EnsureImportBatchAsync();
        await EnsureScopedManagerAsync();
        await EnsureOfficeCasesAsync();
        return await PropertyRecords.OfficeAsync(App.Services);
    }

    /// <summary>The registry's sample ids plus one of every kind of case record of GMDS.</summary>
    private IEnumerable<(string Kind, string Id)> Samples(PropertyRecords office) => office.SampleIds.Concat(_cases);

    private readonly List<(string Kind, string Id)> _cases = [];

    /// <summary>
    /// The demo's case data is off in tests; GMDS gets a contact, an open and a done repair order (with
    /// its callback and clocks) and a photo record, so every case route has a GMDS id to refuse.
    /// </summary>
    private async Task EnsureOfficeCasesAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var office = await db.Properties.Where(p => p.Code == DemoSeeder.OfficeCode).Select(p => p.Id).SingleAsync(ct);
        if (!await db.RepairOrders.AnyAsync(o => o.PropertyId == office, ct))
        {
            var desk = await db.Users.Where(u => u.UserName == "officedesk").Select(u => u.Id).SingleAsync(ct);
            var actor = new PropertyPortal.Domain.Common.Actor(desk, "赵前台(国贸)");
            var category = await db.RepairCategories.OrderBy(c => c.SortOrder).FirstAsync(ct);
            var context = await scope.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Sla.SlaSettings>().ContextForAsync(office, ct);
            var now = App.Clock.UtcNow;
            var contact = new PropertyPortal.Domain.FrontDesk.Contact(office, now, PropertyPortal.Domain.FrontDesk.ContactSource.Phone, null, null, "国贸来电", null, "空调不制冷", null, actor, now);
            db.Contacts.Add(contact);
            var clocks = new PropertyPortal.Domain.Sla.ClockSet([], context);
            PropertyPortal.Domain.Repairs.RepairOrder Open(string number) =>
                PropertyPortal.Domain.Repairs.RepairOrder.Open(number, new(office, null, null, null, "国贸来电", null, "18F", "空调不制冷", category,
                    PropertyPortal.Domain.Repairs.RepairUrgency.Normal, PropertyPortal.Domain.Repairs.RepairBilling.Warranty, null, null, now), actor, now, clocks);
            var open = Open("BX-WALK-0001");
            var done = Open("BX-WALK-0002");
            done.Dispatch(desk, "赵前台(国贸)", actor, now, clocks);
            done.ArriveOnSite(actor, now, clocks);
            var callback = done.Complete("修好", null, null, null, actor, now, clocks);
            db.RepairOrders.AddRange(open, done);

            // A pause request waiting for a decision, so the pause routes have a GMDS request (and case) to refuse.
            db.PauseRequests.Add(open.RequestPause(PropertyPortal.Domain.Sla.PauseReason.OwnerNotHome, null, actor, now, clocks));
            db.Callbacks.Add(callback);
            db.SlaClocks.AddRange(clocks.Started);
            db.Attachments.Add(new PropertyPortal.Domain.Notifications.Attachment(office, "RepairOrder", open.Id, "photo.png", "image/png", 8, "none/photo.png", actor, now));
            await db.SaveChangesAsync(ct);
        }

        if (!await db.Complaints.AnyAsync(c => c.PropertyId == office, ct))
        {
            var desk = await db.Users.Where(u => u.UserName == "officedesk").Select(u => u.Id).SingleAsync(ct);
            var actor = new PropertyPortal.Domain.Common.Actor(desk, "赵前台(国贸)");
            var category = await db.ComplaintCategories.OrderBy(c => c.SortOrder).FirstAsync(ct);
            var context = await scope.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Sla.SlaSettings>().ContextForAsync(office, ct);
            var now = App.Clock.UtcNow;
            var clocks = new PropertyPortal.Domain.Sla.ClockSet([], context);
            var complaint = PropertyPortal.Domain.Complaints.Complaint.Open("TS-WALK-0001", new(office, null, null, null, "国贸投诉人", null, "18F", null,
                PropertyPortal.Domain.Complaints.ComplaintChannel.Phone, category, null, null, "国贸电梯停运", null, null, false,
                PropertyPortal.Domain.Complaints.ComplaintTier.Major, false, now, null), actor, now, clocks);
            db.Complaints.Add(complaint);
            db.SlaClocks.AddRange(clocks.Started);
            await db.SaveChangesAsync(ct);
        }

        if (!await db.FeeItems.AnyAsync(i => i.PropertyId == office, ct))
        {
            // GMDS money: a fee item, a billed month with its notices, a remittance and a dunning case.
            var item = new PropertyPortal.Domain.Fees.FeeItem(office, "国贸物业费", PropertyPortal.Domain.Fees.FeeKind.PerArea, null, null, 1);
            item.SetRate(new DateOnly(2025, 1, 1), 12m);
            db.FeeItems.Add(item);
            await db.SaveChangesAsync(ct);
            var system = new PropertyPortal.Domain.Common.Actor(null, "walk");
            await scope.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Fees.BillingService>()
                .RunAsync(office, new PropertyPortal.Domain.Fees.BillingPeriod(2025, 6), system, ct);
            var unit = await db.Charges.Where(c => c.PropertyId == office).OrderBy(c => c.SourceKey).Select(c => c.UnitId).FirstAsync(ct);
            await scope.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Fees.Ledger>().TakeAsync(unit,
                new PropertyPortal.Web.Features.Fees.PaymentInput(1m, PropertyPortal.Domain.Fees.PaymentKind.Remittance, PropertyPortal.Domain.Fees.PaymentMethod.Transfer, "国贸租户", null, "TX-WALK"), system, ct);
            await scope.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Fees.DunningService>()
                .AdvancePropertyAsync(office, PropertyPortal.Web.Infrastructure.PortalClock.Today(App.Clock), ct);
            db.ChangeTracker.Clear();
        }

        if (!await db.Renovations.AnyAsync(r => r.PropertyId == office, ct))
        {
            var desk = await db.Users.Where(u => u.UserName == "officedesk").Select(u => u.Id).SingleAsync(ct);
            var actor = new PropertyPortal.Domain.Common.Actor(desk, "赵前台(国贸)");
            var context = await scope.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Sla.SlaSettings>().ContextForAsync(office, ct);
            var now = App.Clock.UtcNow;
            var unit = await db.Units.Where(u => u.PropertyId == office).OrderBy(u => u.Number).Select(u => u.Id).FirstAsync(ct);
            var clocks = new PropertyPortal.Domain.Sla.ClockSet([], context);
            var today = DateOnly.FromDateTime(now);
            db.Renovations.Add(PropertyPortal.Domain.Renovations.Renovation.Submit("ZX-WALK-0001", new(office, unit, null, "国贸租户", null, false, true, "国贸装饰", null, null,
                PropertyPortal.Domain.Renovations.RenovationScope.WholeFloor, false, "整层改造", today.AddDays(10), today.AddDays(40), 5, "09:00–18:00", now), actor, now, clocks));
            db.SlaClocks.AddRange(clocks.Started);
            await db.SaveChangesAsync(ct);
        }

        if (!await db.MoveOuts.AnyAsync(m => m.PropertyId == office, ct))
        {
            var context = await scope.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Sla.SlaSettings>().ContextForAsync(office, ct);
            var occupancy = await db.Occupancies.Where(o => o.PropertyId == office).OrderBy(o => o.Id).FirstAsync(ct);
            var clocks = new PropertyPortal.Domain.Sla.ClockSet([], context);
            db.MoveOuts.Add(new PropertyPortal.Domain.MoveInOut.MoveOut("QC-WALK-0001", office, occupancy.UnitId, occupancy.CustomerId, occupancy.Id,
                DateOnly.FromDateTime(App.Clock.UtcNow), "办公家具", 1, null, new PropertyPortal.Domain.Common.Actor(null, "walk"), App.Clock.UtcNow, clocks));
            db.SlaClocks.AddRange(clocks.Started);
            await db.SaveChangesAsync(ct);
        }

        if (!await db.MoveIns.AnyAsync(m => m.PropertyId == office, ct))
        {
            var actor = new PropertyPortal.Domain.Common.Actor(null, "walk");
            var now = App.Clock.UtcNow;
            var occupancy = await db.Occupancies.Where(o => o.PropertyId == office).OrderBy(o => o.Id).FirstAsync(ct);
            var batch = new PropertyPortal.Domain.MoveInOut.MoveInBatch(office, "国贸入伙", DateOnly.FromDateTime(now), actor, now);
            var context = await scope.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Sla.SlaSettings>().ContextForAsync(office, ct);
            var clocks = new PropertyPortal.Domain.Sla.ClockSet([], context);
            var moveIn = new PropertyPortal.Domain.MoveInOut.MoveIn("RZ-WALK-0001", office, occupancy.UnitId, occupancy.CustomerId,
                PropertyPortal.Domain.MoveInOut.MoveInApplicant.Company, "国贸行政", now.AddDays(1), batch.Id, false, actor, now, clocks);
            moveIn.Receive(actor, now, clocks);
            moveIn.RecordInspection("walk", 1m, 2m, null, [("前台", "地毯起拱")], actor, now);
            db.MoveInBatches.Add(batch);
            db.MoveIns.Add(moveIn);
            await db.SaveChangesAsync(ct);
        }

        if (!await db.CounterVisits.AnyAsync(v => v.PropertyId == office, ct))
        {
            // A counter visit and yesterday's log: the counter and daily-log routes' GMDS ids. Neither keeps an open clock:
            // the sweep runs on real time during the walk, and a clock that warns mid-walk would change the fingerprint.
            var actor = new PropertyPortal.Domain.Common.Actor(null, "walk");
            var now = App.Clock.UtcNow;
            var context = await scope.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Sla.SlaSettings>().ContextForAsync(office, ct);
            var occupancy = await db.Occupancies.Where(o => o.PropertyId == office).OrderBy(o => o.Id).FirstAsync(ct);
            var clocks = new PropertyPortal.Domain.Sla.ClockSet([], context);
            var visit = PropertyPortal.Domain.Fees.CounterVisit.Open("GT-WALK-0001", office, occupancy.UnitId, occupancy.CustomerId, null,
                PropertyPortal.Domain.Fees.CounterVisitKind.Enquiry, "国贸租户", now, actor, now, clocks);
            visit.Abandon("住户先走了", actor, now, clocks);
            db.CounterVisits.Add(visit);
            db.DailyLogs.Add(new PropertyPortal.Domain.FrontDesk.DailyLog(office, DateOnly.FromDateTime(PropertyPortal.Web.Infrastructure.PortalClock.ToLocal(now)).AddDays(-1)));
            db.SlaClocks.AddRange(clocks.Started);
            await db.SaveChangesAsync(ct);
        }

        if (!await db.CommunityEvents.AnyAsync(x => x.PropertyId == office, ct))
        {
            // GMDS community work: next year's annual plan, an ad hoc event with one household invited, a drafted notice.
            var actor = new PropertyPortal.Domain.Common.Actor(null, "walk");
            var context = await scope.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Sla.SlaSettings>().ContextForAsync(office, ct);
            var now = App.Clock.UtcNow;
            var year = PropertyPortal.Web.Infrastructure.PortalClock.Today(App.Clock).Year + 5;
            db.AnnualEventPlans.Add(PropertyPortal.Domain.Community.AnnualEventPlan.Open($"GMDS-JH-{year}", office, year, actor, now, new PropertyPortal.Domain.Sla.ClockSet([], context)));
            var clocks = new PropertyPortal.Domain.Sla.ClockSet([], context);
            var e = PropertyPortal.Domain.Community.CommunityEvent.Create("GMDS-HD-WALK-001", office, new("国贸茶歇", "茶话会", now.AddDays(30), null, "大堂", "茶歇交流", "D-3 通知", "行政部布置", "无", "疏散预案", "问卷",
                false, 30, null, [("茶点", 300m)]), null, actor, now, clocks);
            e.ApproveProposal(actor, now);
            e.MarkFilled(actor, now, clocks);
            e.Submit(null, actor, now, clocks);
            e.Approve(null, actor, false, now, clocks);
            var occupancy = await db.Occupancies.Where(o => o.PropertyId == office).OrderBy(o => o.Id).FirstAsync(ct);
            db.CommunityEvents.Add(e);
            db.EventInvitations.AddRange(e.Invite([(occupancy.CustomerId, (Guid?)occupancy.UnitId)], new HashSet<Guid>(), "walk", actor, now));
            db.SlaClocks.AddRange(clocks.Started);
            var noticeClocks = new PropertyPortal.Domain.Sla.ClockSet([], context);
            db.PublicNotices.Add(PropertyPortal.Domain.Notices.PublicNotice.Draft("GMDS-GG-WALK-001", office, new("国贸停电", "配电检修", PropertyPortal.Domain.Notices.NoticeCategory.WaterPowerCut,
                PropertyPortal.Domain.Common.AudienceScope.Property, [], now.AddDays(5), DateOnly.FromDateTime(now), null), actor, now, noticeClocks));
            db.SlaClocks.AddRange(noticeClocks.Started);
            await db.SaveChangesAsync(ct);
        }

        if (!await db.ServiceRequests.AnyAsync(r => r.PropertyId == office, ct))
        {
            // GMDS front-desk services, all settled (no clock left running during the walk): a registered meeting-room booking, a release
            // let out at the gate, a found item, a visit with a finding, the month's quota and the quarter's survey sample.
            var desk = await db.Users.Where(u => u.UserName == "officedesk").Select(u => u.Id).SingleAsync(ct);
            var actor = new PropertyPortal.Domain.Common.Actor(desk, "赵前台(国贸)");
            var context = await scope.ServiceProvider.GetRequiredService<PropertyPortal.Web.Features.Sla.SlaSettings>().ContextForAsync(office, ct);
            var now = App.Clock.UtcNow;
            var today = PropertyPortal.Web.Infrastructure.PortalClock.Today(App.Clock);
            var types = await db.ServiceTypes.ToDictionaryAsync(t => t.Code, ct);
            var room = await db.BookableResources.Where(r => r.PropertyId == office && r.Kind == PropertyPortal.Domain.Services.ResourceKind.MeetingRoom)
                .OrderBy(r => r.SortOrder).FirstAsync(ct);
            var occupancy = await db.Occupancies.Where(o => o.PropertyId == office).OrderBy(o => o.Id).FirstAsync(ct);
            var clocks = new PropertyPortal.Domain.Sla.ClockSet([], context);
            PropertyPortal.Domain.Services.ServiceRequest Open(string number, string code, IReadOnlyList<DateTime>? slots = null,
                PropertyPortal.Domain.Services.ReleaseDetails? release = null) =>
                PropertyPortal.Domain.Services.ServiceRequest.Open(number, new(office, types[code], occupancy.UnitId, occupancy.CustomerId, null, "国贸租户", null, "walk",
                    now, null, null, slots is null ? null : room, slots, release), actor, now, today, clocks);
            var booking = Open("FW-WALK-0001", "MeetingRoom",
                room.SlotsFor(today.AddDays(3), room.OpensAt, room.OpensAt.AddMinutes(room.SlotMinutes), PropertyPortal.Web.Infrastructure.PortalClock.Zone, now));
            booking.Complete(null, null, actor, now, today, clocks);
            var release = Open("FX-WALK-0001", "LargeItemRelease", release: new("办公桌 1 张", "搬运工", null, today, PropertyPortal.Domain.Services.ReleaseRelation.Tenant, false, false, 0));
            release.Approve(null, 0, actor, now, today, clocks);
            release.Complete(null, null, actor, now, today, clocks);
            db.ServiceRequests.AddRange(booking, release);
            db.SlaClocks.AddRange(clocks.Started);
            db.FoundItems.Add(new PropertyPortal.Domain.Services.FoundItem("SW-WALK-0001", office, "黑色雨伞", now, "大堂", "保安", "前台", actor, now));
            db.Visits.Add(new PropertyPortal.Domain.Visits.Visit(office, occupancy.CustomerId, occupancy.UnitId, desk, "赵前台(国贸)", today,
                PropertyPortal.Domain.Visits.VisitChannel.Phone, "回访", ["空调噪音"], actor, now, today));
            db.VisitQuotas.Add(PropertyPortal.Domain.Visits.VisitQuota.ForProperty(office, PropertyPortal.Domain.Visits.VisitQuota.PeriodOf(today), 10));
            db.Surveys.Add(PropertyPortal.Domain.Visits.Survey.Draw(office, today.Year, PropertyPortal.Domain.Visits.Survey.QuarterOf(today),
                [(occupancy.CustomerId, (Guid?)occupancy.UnitId)], new HashSet<Guid>(), 20, new Random(1), actor, now, today));
            await db.SaveChangesAsync(ct);
        }

        _cases.Clear();
        foreach (var id in await db.Complaints.Where(c => c.PropertyId == office).Select(c => c.Id).Take(1).ToListAsync(ct))
        {
            _cases.Add(("Complaint", id.ToString()));
        }

        foreach (var id in await db.Contacts.Where(c => c.PropertyId == office).Select(c => c.Id).Take(1).ToListAsync(ct))
        {
            _cases.Add(("Contact", id.ToString()));
        }

        foreach (var id in await db.RepairOrders.Where(o => o.PropertyId == office).OrderBy(o => o.Number).Select(o => o.Id).ToListAsync(ct))
        {
            _cases.Add(("RepairOrder", id.ToString()));
        }

        _cases.Add(("Callback", (await db.Callbacks.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("FeeItem", (await db.FeeItems.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("Renovation", (await db.Renovations.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("MoveOut", (await db.MoveOuts.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("MoveIn", (await db.MoveIns.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("MoveInBatch", (await db.MoveInBatches.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("MoveInDefect", (await db.MoveInDefects.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("Charge", (await db.Charges.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("Payment", (await db.Payments.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("BillingRun", (await db.BillingRuns.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("DunningCase", (await db.DunningCases.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("DunningStep", (await db.DunningSteps.FirstAsync(c => c.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("Attachment", (await db.Attachments.FirstAsync(a => a.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("PauseRequest", (await db.PauseRequests.FirstAsync(r => r.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("CounterVisit", (await db.CounterVisits.FirstAsync(v => v.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("DailyLog", (await db.DailyLogs.FirstAsync(l => l.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("AnnualEventPlan", (await db.AnnualEventPlans.FirstAsync(p => p.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("CommunityEvent", (await db.CommunityEvents.FirstAsync(x => x.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("EventInvitation", (await db.EventInvitations.FirstAsync(x => x.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("PublicNotice", (await db.PublicNotices.FirstAsync(n => n.PropertyId == office, ct)).Id.ToString()));
        foreach (var id in await db.ServiceRequests.Where(r => r.PropertyId == office).OrderBy(r => r.Number).Select(r => r.Id).ToListAsync(ct))
        {
            _cases.Add(("ServiceRequest", id.ToString()));
        }

        _cases.Add(("BookableResource", (await db.BookableResources.FirstAsync(r => r.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("FoundItem", (await db.FoundItems.FirstAsync(f => f.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("Visit", (await db.Visits.FirstAsync(v => v.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("VisitFinding", (await db.VisitFindings.FirstAsync(f => f.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("VisitQuota", (await db.VisitQuotas.FirstAsync(q => q.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("Survey", (await db.Surveys.FirstAsync(x => x.PropertyId == office, ct)).Id.ToString()));
        _cases.Add(("SurveySample", (await db.SurveySamples.FirstAsync(x => x.PropertyId == office, ct)).Id.ToString()));
    }

    private async Task EnsureScopedManagerAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(ScopedManager) is not null)
        {
            return;
        }

        var user = new AppUser { UserName = ScopedManager, DisplayName = "翠湖经理", AllProperties = false, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, DemoSeeder.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Manager)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var home = await db.Properties.Where(p => p.Code == DemoSeeder.ResidentialCode).Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
        db.UserProperties.Add(new UserProperty { UserId = user.Id, PropertyId = home });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The demo has no import batch; one for GMDS gives the import routes something to refuse.</summary>
    private async Task EnsureImportBatchAsync()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var officeId = await db.Properties.Where(p => p.Code == "GMDS").Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
        if (!await db.ImportBatches.AnyAsync(b => b.PropertyId == officeId, TestContext.Current.CancellationToken))
        {
            db.ImportBatches.Add(new ImportBatch
            {
                PropertyId = officeId,
                FileName = "国贸大厦-房屋.xlsx",
                Content = [0x50, 0x4B],
                RowCount = 1,
                Status = ImportBatchStatus.Previewed,
                CreatedAt = DateTime.UtcNow,
                CreatedBy = "officedesk",
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Every GMDS record's id and version, and how many audit entries GMDS has: any write shows up here.</summary>
    private async Task<string> FingerprintAsync(Guid officeId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var parts = new List<string>
        {
            string.Join(',', await db.Properties.Where(x => x.Id == officeId).Select(x => x.Name + ":" + x.Version + ":" + x.IsActive).ToListAsync(ct)),
            string.Join(',', (await db.Buildings.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.Units.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.Customers.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.Occupancies.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.HouseholdMembers.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.OfficeKeys.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version, x.Status }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.ImportBatches.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Status }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.Contacts.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.RepairOrders.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version, x.Status }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.Callbacks.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version, x.Status }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.SlaClocks.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.FeeItems.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.Charges.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.Payments.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.BillingRuns.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version, x.NoticesDeliveredAt }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.DunningCases.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.DunningSteps.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.MeterReadings.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version }).ToListAsync(ct)).OrderBy(x => x.Id)),
            "fee-policies:" + await db.FeePolicies.CountAsync(a => a.PropertyId == officeId, ct),
            string.Join(',', (await db.MoveOuts.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version, x.Status }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.Renovations.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version, x.Status }).ToListAsync(ct)).OrderBy(x => x.Id)),
            string.Join(',', (await db.MoveIns.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version, x.Status, x.Inspection }).ToListAsync(ct)).OrderBy(x => x.Id)),
            "move-in-children:" + await db.MoveInChecks.CountAsync(a => a.PropertyId == officeId && a.Done, ct) + "/" + await db.MoveInDefects.CountAsync(a => a.PropertyId == officeId, ct)
                + "/" + await db.MoveInEvents.CountAsync(a => a.PropertyId == officeId, ct) + "/" + await db.MoveInBatches.CountAsync(a => a.PropertyId == officeId, ct)
                + "/" + await db.CustodyPatrols.CountAsync(a => a.PropertyId == officeId, ct),
            "renovation-children:" + await db.RenovationPasses.CountAsync(a => a.PropertyId == officeId, ct) + "/" + await db.RenovationPatrols.CountAsync(a => a.PropertyId == officeId, ct)
                + "/" + await db.RenovationPermits.CountAsync(a => a.PropertyId == officeId, ct) + "/" + await db.RenovationEvents.CountAsync(a => a.PropertyId == officeId, ct),
            string.Join(',', (await db.PauseRequests.Where(x => x.PropertyId == officeId).Select(x => new { x.Id, x.Version, x.State }).ToListAsync(ct)).OrderBy(x => x.Id)),
            "custody-and-move-out:" + await db.RainPatrolOrders.CountAsync(a => a.PropertyId == officeId, ct) + "/" + await db.MoveOutEvents.CountAsync(a => a.PropertyId == officeId, ct),
            "attachments:" + await db.Attachments.CountAsync(a => a.PropertyId == officeId, ct),
            "audit:" + await db.AuditEntries.CountAsync(a => a.PropertyId == officeId, ct),
            "users:" + string.Join(',', (await db.Users.Where(u => u.UserName != "frontdesk" && u.UserName != ScopedManager).Select(u => u.UserName + ":" + u.ConcurrencyStamp).ToListAsync(ct)).Order()),
        };
        return string.Join('\n', parts);
    }
}

// Without the scheduler: a sweep firing the office's clocks while a slow walk runs (a loaded machine) is not the walker changing them.
public sealed class SqliteRouteWalkTests(Sla.SqliteQuietPortalFactory factory, ITestOutputHelper output) : RouteWalkTests(factory, output), IClassFixture<Sla.SqliteQuietPortalFactory>;

public sealed class PostgresRouteWalkTests(Sla.PostgresQuietPortalFactory factory, ITestOutputHelper output) : RouteWalkTests(factory, output), IClassFixture<Sla.PostgresQuietPortalFactory>;
