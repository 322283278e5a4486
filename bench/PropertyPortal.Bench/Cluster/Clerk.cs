using System.Collections.Concurrent;
using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace PropertyPortal.Bench.Cluster;

/// <summary>What the clerks need from the demo company: the property, units with a household, search terms, repair categories.</summary>
internal sealed record Workplace(Guid PropertyId, IReadOnlyList<Guid> Units, IReadOnlyList<string> SearchTerms);

/// <summary>What the clerks did that must be in the database exactly once.</summary>
internal sealed class Ledgerbook
{
    public ConcurrentDictionary<string, string> Contacts { get; } = new();

    public ConcurrentDictionary<string, string> Repairs { get; } = new();

    public ConcurrentDictionary<string, string> Payments { get; } = new();

    /// <summary>Double clicks whose two answers pointed at different records.</summary>
    public ConcurrentBag<string> SplitAnswers { get; } = [];

    public int DoubleClicks;
}

/// <summary>
/// One clerk at the front desk, signed in as their own user, doing the day's work in a loop until the
/// deadline: look at the queue, search a household, log a call, open a repair order, take a payment
/// at the counter — with a pause between actions, and now and then a double click on a form.
/// </summary>
internal sealed class Clerk(int number, string userName, Workplace place, ClusterOptions options, Ledgerbook book, Action<Sample> record, Action<Failure> fail)
{
    private readonly Random _random = new(number * 7919);
    private int _sequence;

    public int Resubmits { get; private set; }

    public async Task RunAsync(DateTime until, CancellationToken ct)
    {
        using var browser = new Browser(options.Url, record);
        try
        {
            await SignInAsync(browser, ct);
        }
        catch (LoadException ex)
        {
            fail(ex.Failure);
            return;
        }

        while (DateTime.UtcNow < until && !ct.IsCancellationRequested)
        {
            var pick = _random.Next(100);
            try
            {
                switch (pick)
                {
                    case < 30:
                        await browser.PageAsync("queue", "/", ct);
                        break;
                    case < 45:
                        await browser.PageAsync("search", "/Search?q=" + Uri.EscapeDataString(place.SearchTerms[_random.Next(place.SearchTerms.Count)]), ct);
                        break;
                    case < 70:
                        await LogContactAsync(browser, ct);
                        break;
                    case < 85:
                        await OpenRepairAsync(browser, ct);
                        break;
                    default:
                        await TakePaymentAsync(browser, ct);
                        break;
                }
            }
            catch (LoadException ex)
            {
                fail(ex.Failure);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }

            var pause = options.Think.TotalMilliseconds * (0.5 + _random.NextDouble());
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(pause), ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Resubmits = browser.Resubmits;
    }

    private async Task SignInAsync(Browser browser, CancellationToken ct)
    {
        var page = await browser.PageAsync("login", "/Account/Login", ct);
        var (action, values) = Browser.ReadForm(page, "form[action*='Login']", new Dictionary<string, string> { ["UserName"] = userName, ["Password"] = ClusterOptions.Password }, "/Account/Login");
        await browser.SubmitAsync("login", action, values, ct);
    }

    private string Marker(string what) => $"负载{what}{number:D2}-{Interlocked.Increment(ref _sequence):D4}";

    private async Task LogContactAsync(Browser browser, CancellationToken ct)
    {
        var url = $"/Contacts/Create?propertyId={place.PropertyId}";
        var page = await browser.PageAsync("contact form", url, ct);
        var marker = Marker("来电");
        var (action, values) = Browser.ReadForm(page, "#contact-form", new Dictionary<string, string>
        {
            ["PropertyId"] = place.PropertyId.ToString(), ["Name"] = "赵女士", ["Phone"] = "13700001111", ["Subject"] = marker,
            ["Source"] = "Phone", ["Outcome"] = "Pending",
        }, url);
        var location = await SubmitMaybeTwiceAsync(browser, "contact save", action, values, ct);
        book.Contacts[marker] = location;
        await browser.PageAsync("contact form", location, ct);
    }

    private async Task OpenRepairAsync(Browser browser, CancellationToken ct)
    {
        var unit = place.Units[_random.Next(place.Units.Count)];
        var url = $"/Repairs/Create?unitId={unit}";
        var page = await browser.PageAsync("repair form", url, ct);
        var marker = Marker("报修");
        var category = page.QuerySelectorAll("select[name='CategoryId'] option").Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).ToList();
        var fields = new Dictionary<string, string>
        {
            ["Location"] = "厨房", ["Description"] = marker, ["CategoryId"] = category[_random.Next(category.Count)]!,
            ["Urgency"] = _random.Next(4) == 0 ? "Emergency" : "Normal", ["Billing"] = "Warranty", ["ReporterName"] = "王先生",
        };

        // One call in five was taken a while ago and is entered now (补录): its clocks started when the call came,
        // so warnings, breaches and escalations fall due while the load runs — and while an instance is killed.
        var received = page.QuerySelector<IHtmlInputElement>("input[name='ReceivedAt']")?.Value;
        if (_random.Next(5) == 0 && DateTime.TryParseExact(received, "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            fields["ReceivedAt"] = at.AddMinutes(-_random.Next(2, 30)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        }

        var (action, values) = Browser.ReadForm(page, "main form[method='post']", fields, url);
        var location = await SubmitMaybeTwiceAsync(browser, "repair save", action, values, ct);
        book.Repairs[marker] = location;
        await browser.PageAsync("repair page", location, ct);
    }

    private async Task TakePaymentAsync(Browser browser, CancellationToken ct)
    {
        var arrears = await browser.PageAsync("arrears", $"/Fees?propertyId={place.PropertyId}", ct);
        var accounts = arrears.QuerySelectorAll("a[href^='/Fees/Account/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        if (accounts.Count == 0)
        {
            return;
        }

        var url = accounts[_random.Next(accounts.Count)];
        var page = await browser.PageAsync("account", url, ct);
        var owed = page.QuerySelector<IHtmlInputElement>("#pay-form input[name='Amount']")?.Value;
        if (!decimal.TryParse(owed, NumberStyles.Number, CultureInfo.InvariantCulture, out var balance) || balance <= 0)
        {
            return;
        }

        var marker = Marker("收款");
        var amount = Math.Min(balance, 1m + _random.Next(300) / 100m);
        var (action, values) = Browser.ReadForm(page, "#pay-form", new Dictionary<string, string>
        {
            ["Amount"] = amount.ToString(CultureInfo.InvariantCulture), ["PayerName"] = marker, ["Method"] = "Cash", ["Kind"] = "Counter",
        }, url);
        var location = await SubmitMaybeTwiceAsync(browser, "payment", action, values, ct);
        book.Payments[marker] = location;
        await browser.PageAsync("receipt", location, ct);
    }

    /// <summary>Posts the form; now and then twice at once, as a double click does — both answers must point at the same record.</summary>
    private async Task<string> SubmitMaybeTwiceAsync(Browser browser, string kind, string action, List<KeyValuePair<string, string>> values, CancellationToken ct)
    {
        if (_random.Next(100) >= options.DoublePercent)
        {
            return await browser.SubmitAsync(kind, action, values, ct);
        }

        Interlocked.Increment(ref book.DoubleClicks);
        var both = await Task.WhenAll(browser.SubmitAsync(kind, action, values, ct), browser.SubmitAsync(kind, action, values, ct));
        if (both[0] != both[1])
        {
            book.SplitAnswers.Add($"{kind}: {both[0]} ≠ {both[1]}");
        }

        return both[0];
    }
}
