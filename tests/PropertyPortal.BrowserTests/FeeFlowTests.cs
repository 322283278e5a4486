using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PropertyPortal.BrowserTests.Infrastructure;

namespace PropertyPortal.BrowserTests;

/// <summary>
/// Money at the counter, clicked as the cashier and her supervisor do: part of an overdue balance taken in
/// cash, the receipt printed, an overpayment refused, the payment reversed by the supervisor with a reason,
/// and the month's payment notices printed one unit to a page. Every step leaves a screenshot (fee-NN-*.png).
/// </summary>
public sealed partial class FeeFlowTests(PortalServer portal)
{
    private const decimal Part = 100.00m;

    [Fact]
    public async Task A_cashier_takes_part_of_an_overdue_balance_prints_the_receipt_and_a_supervisor_reverses_it()
    {
        // 1. The cashier opens 收费: the arrears list; the first owing unit leads to its account.
        await using var desk = await portal.NewContextAsync();
        var page = await desk.NewPageAsync();
        await PortalPages.SignInAsync(page, "frontdesk");
        await page.Locator("#mainNav").GetByRole(AriaRole.Link, new() { Name = "收费", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ArrearsUrl());
        var arrears = page.Locator("#arrears");
        await Assertions.Expect(arrears.Locator("tbody tr").First).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "fee-01-arrears");
        var unitLink = arrears.Locator("tbody a").First;
        var unitName = (await unitLink.InnerTextAsync()).Trim();
        await unitLink.ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(AccountUrl());
        var accountUrl = new Uri(page.Url).PathAndQuery;
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync(unitName);
        var overdue = await MoneyAsync(page.Locator("#overdue"));
        var balance = await MoneyAsync(page.Locator("#balance"));
        Assert.True(overdue > 0, $"{unitName} is on the arrears list but its account shows nothing overdue ({overdue}).");
        Assert.True(balance > Part, $"{unitName} owes {balance}, not more than the part payment of {Part}: the demo data no longer fits this test.");
        await PortalServer.ScreenshotAsync(page, "fee-02-account");

        // 2. Part of it in cash: 100.00 into 金额, 现金 as it is, 收款并打印收据 → the receipt.
        var pay = page.Locator("#pay-form");
        await pay.GetByLabel("金额", new() { Exact = true }).FillAsync(Money(Part));
        await Assertions.Expect(pay.Locator("#Method option:checked")).ToHaveTextAsync("现金");
        await pay.GetByRole(AriaRole.Button, new() { Name = "收款并打印收据", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(ReceiptUrl());
        var receiptUrl = new Uri(page.Url).PathAndQuery;
        var receipt = page.Locator("#receipt");
        var number = (await page.Locator("#receipt-number").InnerTextAsync()).Trim();
        Assert.Matches(ReceiptNumber(), number);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"已收款，收据号 {number}");
        await Assertions.Expect(receipt.Locator("tfoot")).ToContainTextAsync("¥100.00");
        await Assertions.Expect(receipt).ToContainTextAsync("付款方式：现金");
        await Assertions.Expect(receipt).ToContainTextAsync(unitName);

        // On paper: only the receipt, no menu, no buttons.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#mainNav")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "打印" })).ToBeHiddenAsync();
        await Assertions.Expect(receipt).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#receipt-number")).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "fee-03-receipt-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // 3. Back on the account: the balance is exactly 100.00 lower.
        await page.GotoAsync(accountUrl);
        Assert.Equal(balance - Part, await MoneyAsync(page.Locator("#balance")));
        await Assertions.Expect(page.Locator("#statement").GetByRole(AriaRole.Link, new() { Name = number, Exact = true })).ToBeVisibleAsync();
        await PortalServer.ScreenshotAsync(page, "fee-04-account-after-part");

        // 4. More than is owed is refused, and nothing moves.
        var left = balance - Part;
        await pay.GetByLabel("金额", new() { Exact = true }).FillAsync(Money(left + Part));
        await pay.GetByRole(AriaRole.Button, new() { Name = "收款并打印收据", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for=Amount]")).ToContainTextAsync("收款金额超过应收余额");
        Assert.DoesNotMatch(ReceiptUrl(), page.Url);
        Assert.Equal(left, await MoneyAsync(page.Locator("#balance")));
        await PortalServer.ScreenshotAsync(page, "fee-05-overpayment-refused");

        // 5. The supervisor, in her own browser: the payment from the statement, reversed with a reason.
        await using var office = await portal.NewContextAsync();
        var boss = await office.NewPageAsync();
        await PortalPages.SignInAsync(boss, "supervisor");
        await boss.GotoAsync(accountUrl);
        await boss.Locator("#statement").GetByRole(AriaRole.Link, new() { Name = number, Exact = true }).ClickAsync();
        await Assertions.Expect(boss).ToHaveURLAsync(PaymentUrl());
        await Assertions.Expect(boss.Locator("main h1")).ToContainTextAsync(number);
        var paymentUrl = boss.Url;

        // An empty reason: the browser's required check stops the form before it leaves (the server would
        // redirect back to this same URL, so what proves it is that no POST went out).
        var posts = 0;
        boss.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;
        var reverse = boss.GetByRole(AriaRole.Button, new() { Name = "冲正此笔收款", Exact = true });
        await reverse.ClickAsync();
        Assert.True(await boss.Locator("#Reason").EvaluateAsync<bool>("e => e.validity.valueMissing"), "The empty reason is not marked missing.");
        Assert.Equal(0, posts);
        Assert.Equal(paymentUrl, boss.Url);
        await Assertions.Expect(boss.Locator("main .alert-danger")).ToHaveCountAsync(0);
        await Assertions.Expect(boss.Locator("main h1 .badge", new() { HasText = "已冲正" })).ToHaveCountAsync(0);
        await PortalServer.ScreenshotAsync(boss, "fee-06-reversal-needs-reason");

        await boss.Locator("#Reason").FillAsync("收银员录错金额，住户要求退回");
        await reverse.ClickAsync();
        await Assertions.Expect(boss.Locator("main")).ToContainTextAsync("已冲正。");
        Assert.Equal(1, posts);
        await Assertions.Expect(boss.Locator("main h1 .badge", new() { HasText = "已冲正" })).ToBeVisibleAsync();
        await Assertions.Expect(boss.Locator("main")).ToContainTextAsync("收银员录错金额");
        await Assertions.Expect(reverse).ToHaveCountAsync(0);
        await PortalServer.ScreenshotAsync(boss, "fee-07-reversed");

        await boss.GotoAsync(receiptUrl);
        await Assertions.Expect(boss.Locator("#receipt")).ToContainTextAsync("已冲正");
        await boss.GotoAsync(accountUrl);
        Assert.Equal(balance, await MoneyAsync(boss.Locator("#balance")));
        Assert.Equal(overdue, await MoneyAsync(boss.Locator("#overdue")));

        // 6. The newest billing run's payment notices: at least one, each on its own sheet of paper.
        await boss.GotoAsync("/Billing");
        await boss.Locator("#runs tbody tr").First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(boss).ToHaveURLAsync(RunUrl());
        await boss.GetByRole(AriaRole.Link, new() { Name = "打印缴费通知书", Exact = true }).ClickAsync();
        await Assertions.Expect(boss).ToHaveURLAsync(NoticesUrl());

        await boss.EmulateMediaAsync(new() { Media = Media.Print });
        var notices = boss.Locator("section.print-sheet.notice");
        await Assertions.Expect(notices.First).ToBeVisibleAsync();
        var count = await notices.CountAsync();
        Assert.True(count >= 1, "The newest run prints no payment notice although units owe.");
        await Assertions.Expect(boss.Locator("header")).ToBeHiddenAsync();
        Assert.Equal("page", await notices.First.EvaluateAsync<string>("e => getComputedStyle(e).breakAfter"));
        var loose = await boss.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('section.print-sheet.notice')].filter(e => getComputedStyle(e).breakAfter !== 'page').length");
        Assert.Equal(0, loose);
        await PortalServer.ScreenshotAsync(boss, "fee-08-notices-print");
    }

    /// <summary>The invariant text the cashier types, e.g. 100.00.</summary>
    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A shown amount such as ¥12,345.60 (or -¥5.00) as a number.</summary>
    private static async Task<decimal> MoneyAsync(ILocator locator)
    {
        var text = (await locator.InnerTextAsync()).Trim();
        var bare = text.Replace("¥", "", StringComparison.Ordinal).Replace("￥", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        Assert.True(decimal.TryParse(bare, NumberStyles.Number, CultureInfo.InvariantCulture, out var value), $"Not an amount: '{text}'.");
        return value;
    }

    [GeneratedRegex(@"/Fees/?$")]
    private static partial Regex ArrearsUrl();

    [GeneratedRegex(@"/Fees/Account/[0-9a-fA-F-]{36}$")]
    private static partial Regex AccountUrl();

    [GeneratedRegex(@"/Fees/Receipt/[0-9a-fA-F-]{36}$")]
    private static partial Regex ReceiptUrl();

    [GeneratedRegex(@"/Fees/Payment/[0-9a-fA-F-]{36}$")]
    private static partial Regex PaymentUrl();

    [GeneratedRegex(@"/Billing/Details/[0-9a-fA-F-]{36}$")]
    private static partial Regex RunUrl();

    [GeneratedRegex(@"/Billing/Notices/[0-9a-fA-F-]{36}$")]
    private static partial Regex NoticesUrl();

    [GeneratedRegex(@"^[A-Z]+-\d{8}$")]
    private static partial Regex ReceiptNumber();
}
