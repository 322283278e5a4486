using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Fees;
using PropertyPortal.Domain.Registry;

namespace PropertyPortal.UnitTests.Domain.Fees;

public sealed class BillingRuleTests
{
    private static readonly BillingPeriod December = new(2026, 12);
    private static readonly BillingPeriod November = new(2026, 11);
    private static readonly DateTime Now = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly Actor By = new("u1", "张三");

    private static FeeItem Item(FeeKind kind, decimal rate, UnitType? appliesTo = null, MeterKind? meter = null)
    {
        var item = new FeeItem(FeeLedger.PropertyId, kind.ToString(), kind, appliesTo, meter, 1);
        item.SetRate(new DateOnly(2026, 1, 1), rate);
        return item;
    }

    private static UnitForBilling Home(decimal area, bool inCustody = false, UnitType type = UnitType.Residence) =>
        new(Guid.CreateVersion7(), area, type, inCustody);

    // ---- Per m² ----

    [Fact]
    public void A_per_area_fee_is_area_times_rate_rounded_to_fen()
    {
        var item = Item(FeeKind.PerArea, 2.35m);

        var quote = item.Quote(December, Home(88.88m), 70, null)!;

        // 88.88 × 2.35 = 208.868
        Assert.Equal(208.87m, quote.Amount);
        Assert.Equal(88.88m, quote.Quantity);
        Assert.Equal(2.35m, quote.Rate);
        Assert.Equal(item.Id, quote.FeeItemId);
        Assert.Null(quote.Problem);
    }

    [Theory]
    [InlineData(100.5, 1.01, 101.51)] // 101.505: a half fen goes up, not to the even 101.50
    [InlineData(10.5, 0.11, 1.16)] // 1.155
    [InlineData(33.3, 0.05, 1.67)] // 1.665: to-even would give 1.66
    [InlineData(120, 2.5, 300.00)]
    public void A_half_fen_is_rounded_away_from_zero(double area, double rate, double expected)
    {
        var quote = Item(FeeKind.PerArea, (decimal)rate).Quote(December, Home((decimal)area), 70, null)!;

        Assert.Equal((decimal)expected, quote.Amount);
    }

    [Fact]
    public void A_unit_in_custody_pays_the_custody_percent_of_a_per_area_fee()
    {
        var item = Item(FeeKind.PerArea, 2.35m);

        // Rounded once, after the share: 88.88 × 2.35 × 70 % = 146.2076
        Assert.Equal(146.21m, item.Quote(December, Home(88.88m, inCustody: true), 70, null)!.Amount);
        // 88.88 × 2.35 × 50 % = 104.434 — rounding 208.87 first would give 104.44, a fen too much
        Assert.Equal(104.43m, item.Quote(December, Home(88.88m, inCustody: true), 50, null)!.Amount);
        Assert.Equal(208.87m, item.Quote(December, Home(88.88m, inCustody: true), 100, null)!.Amount);
        // The percent is for units in custody only.
        Assert.Equal(208.87m, item.Quote(December, Home(88.88m, inCustody: false), 70, null)!.Amount);
        Assert.Equal(88.88m, item.Quote(December, Home(88.88m, inCustody: true), 70, null)!.Quantity);
    }

    [Fact]
    public void Custody_does_not_reduce_per_unit_or_metered_fees()
    {
        var custody = Home(88.88m, inCustody: true);

        Assert.Equal(150m, Item(FeeKind.PerUnit, 150m).Quote(December, custody, 70, null)!.Amount);
        Assert.Equal(32m, Item(FeeKind.Metered, 3.2m, meter: MeterKind.Water).Quote(December, custody, 70, 10m)!.Amount);
    }

    // ---- Per unit ----

    [Fact]
    public void A_parking_fee_is_charged_to_parking_spaces_only_once_per_space()
    {
        var parking = Item(FeeKind.PerUnit, 150m, UnitType.Parking);

        var quote = parking.Quote(December, Home(12.5m, type: UnitType.Parking), 70, null)!;
        Assert.Equal((1m, 150m, 150m), (quote.Quantity, quote.Rate, quote.Amount));

        Assert.Null(parking.Quote(December, Home(88.88m), 70, null));
        Assert.Null(parking.Quote(December, Home(60m, type: UnitType.Shop), 70, null));
    }

    [Fact]
    public void A_per_unit_fee_without_a_unit_type_applies_to_every_unit()
    {
        var item = Item(FeeKind.PerUnit, 20m);

        Assert.Equal(20m, item.Quote(December, Home(88.88m), 70, null)!.Amount);
        Assert.Equal(20m, item.Quote(December, Home(12m, type: UnitType.Parking), 70, null)!.Amount);
    }

    // ---- Metered ----

    [Fact]
    public void A_metered_fee_is_consumption_times_rate()
    {
        var water = Item(FeeKind.Metered, 3.45m, meter: MeterKind.Water);

        var quote = water.Quote(December, Home(88.88m), 70, 12.3m)!;

        // 12.3 × 3.45 = 42.435
        Assert.Equal((12.3m, 3.45m, 42.44m), (quote.Quantity, quote.Rate, quote.Amount));
        Assert.Null(quote.Problem);
    }

    [Fact]
    public void A_metered_fee_without_a_reading_is_quoted_with_the_problem_NoReading_and_no_amount()
    {
        var water = Item(FeeKind.Metered, 3.45m, meter: MeterKind.Water);

        var quote = water.Quote(December, Home(88.88m), 70, null)!;

        Assert.Equal("NoReading", quote.Problem);
        Assert.Equal(0m, quote.Amount);
        Assert.Equal(0m, quote.Quantity);
        Assert.Equal(3.45m, quote.Rate);
    }

    [Fact]
    public void A_metered_item_needs_its_meter()
    {
        Assert.Equal("MeterRequired",
            Assert.Throws<DomainException>(() => new FeeItem(FeeLedger.PropertyId, "水费", FeeKind.Metered, null, null, 1)).Code);
    }

    // ---- Items that are not billed ----

    [Fact]
    public void An_inactive_item_is_not_billed()
    {
        var item = Item(FeeKind.PerArea, 2.35m);
        item.Update("物业管理费", null, null, 1, isActive: false);

        Assert.Null(item.Quote(December, Home(88.88m), 70, null));

        item.Update("物业管理费", null, null, 1, isActive: true);
        Assert.NotNull(item.Quote(December, Home(88.88m), 70, null));
    }

    [Theory]
    [InlineData(FeeKind.OneOff)]
    [InlineData(FeeKind.Deposit)]
    public void One_off_fees_and_deposits_are_not_billed_monthly(FeeKind kind)
    {
        var item = Item(kind, 500m);

        Assert.False(item.IsMonthly);
        Assert.Null(item.Quote(December, Home(88.88m), 70, null));
    }

    [Fact]
    public void An_item_is_not_billed_for_a_month_before_its_first_rate()
    {
        var item = new FeeItem(FeeLedger.PropertyId, "物业管理费", FeeKind.PerArea, null, null, 1);
        item.SetRate(new DateOnly(2026, 12, 1), 2.35m);

        Assert.Null(item.Quote(November, Home(88.88m), 70, null));
        Assert.Equal(208.87m, item.Quote(December, Home(88.88m), 70, null)!.Amount);
    }

    // ---- Rates by date ----

    [Fact]
    public void A_rate_changed_on_1_December_applies_to_December_but_not_to_November()
    {
        var item = Item(FeeKind.PerArea, 2.00m);
        item.SetRate(new DateOnly(2026, 12, 1), 2.35m);

        Assert.Equal(2.00m, item.Quote(November, Home(100m), 70, null)!.Rate);
        Assert.Equal(200.00m, item.Quote(November, Home(100m), 70, null)!.Amount);
        Assert.Equal(2.35m, item.Quote(December, Home(100m), 70, null)!.Rate);
        Assert.Equal(235.00m, item.Quote(December, Home(100m), 70, null)!.Amount);
        Assert.Equal(2.35m, item.Quote(new BillingPeriod(2027, 5), Home(100m), 70, null)!.Rate);
    }

    [Fact]
    public void A_rate_holds_from_its_effective_day_on_and_not_the_day_before()
    {
        var item = Item(FeeKind.PerArea, 2.00m);
        item.SetRate(new DateOnly(2026, 12, 1), 2.35m);

        Assert.Null(item.RateOn(new DateOnly(2025, 12, 31)));
        Assert.Equal(2.00m, item.RateOn(new DateOnly(2026, 1, 1)));
        Assert.Equal(2.00m, item.RateOn(new DateOnly(2026, 11, 30)));
        Assert.Equal(2.35m, item.RateOn(new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void A_rate_taking_effect_mid_month_first_bills_the_next_month()
    {
        var item = Item(FeeKind.PerArea, 2.00m);
        item.SetRate(new DateOnly(2026, 11, 15), 2.35m);

        Assert.Equal(2.00m, item.Quote(November, Home(100m), 70, null)!.Rate);
        Assert.Equal(2.35m, item.Quote(December, Home(100m), 70, null)!.Rate);
    }

    [Fact]
    public void Setting_a_rate_twice_for_the_same_day_replaces_it_and_rates_set_out_of_order_are_read_by_date()
    {
        var item = new FeeItem(FeeLedger.PropertyId, "物业管理费", FeeKind.PerArea, null, null, 1);
        item.SetRate(new DateOnly(2026, 12, 1), 2.50m);
        item.SetRate(new DateOnly(2026, 1, 1), 2.00m);
        var replaced = item.SetRate(new DateOnly(2026, 12, 1), 2.35m);

        Assert.Equal(2, item.Rates.Count);
        Assert.Equal(2.35m, replaced.Amount);
        Assert.Equal(2.00m, item.RateOn(new DateOnly(2026, 6, 1)));
        Assert.Equal(2.35m, item.RateOn(new DateOnly(2026, 12, 1)));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.23456")]
    [InlineData("0.00001")]
    [InlineData("1000000.0001")]
    [InlineData("1000001")]
    public void A_negative_rate_one_with_more_than_4_decimals_or_over_a_million_is_refused(string amount)
    {
        var item = Item(FeeKind.PerArea, 2.00m);

        var ex = Assert.Throws<DomainException>(() => item.SetRate(new DateOnly(2026, 12, 1), decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("RateOutOfRange", ex.Code);
        Assert.Single(item.Rates);
        Assert.Equal(2.00m, item.RateOn(new DateOnly(2026, 12, 1)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1.2345")]
    [InlineData("1000000")]
    public void A_rate_of_0_to_a_million_with_up_to_4_decimals_is_accepted(string amount)
    {
        var item = new FeeItem(FeeLedger.PropertyId, "物业管理费", FeeKind.PerArea, null, null, 1);
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        item.SetRate(new DateOnly(2026, 12, 1), value);

        Assert.Equal(value, item.RateOn(new DateOnly(2026, 12, 1)));
    }

    // ---- Billing periods ----

    [Fact]
    public void A_period_is_keyed_yyyyMM_and_written_yyyy_MM()
    {
        Assert.Equal(202612, December.Key);
        Assert.Equal(202601, new BillingPeriod(2026, 1).Key);
        Assert.Equal(December, BillingPeriod.FromKey(202612));
        Assert.Equal("2026-12", December.ToString());
        Assert.Equal(December, BillingPeriod.Of(new DateOnly(2026, 12, 31)));
    }

    [Fact]
    public void The_month_before_January_is_December_of_the_year_before_and_after_December_comes_January()
    {
        var january = new BillingPeriod(2026, 1);

        Assert.Equal(new BillingPeriod(2025, 12), january.Previous);
        Assert.Equal(202512, january.Previous.Key);
        Assert.Equal(new BillingPeriod(2027, 1), December.Next);
        Assert.Equal(November, December.Previous);
        Assert.True(November.CompareTo(December) < 0);
        Assert.True(new BillingPeriod(2025, 12).CompareTo(january) < 0);
    }

    [Theory]
    [InlineData("2026-12", 2026, 12)]
    [InlineData(" 2026-01 ", 2026, 1)]
    public void A_period_is_parsed_from_yyyy_MM(string text, int year, int month)
    {
        Assert.True(BillingPeriod.TryParse(text, out var period));
        Assert.Equal(new BillingPeriod(year, month), period);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-1")]
    [InlineData("202612")]
    [InlineData("2026-12-05")]
    public void Anything_but_yyyy_MM_is_not_a_period(string? text)
    {
        Assert.False(BillingPeriod.TryParse(text, out var period));
        Assert.Equal(default(BillingPeriod), period);
    }

    [Fact]
    public void The_first_and_last_days_of_a_period_know_leap_years()
    {
        Assert.Equal(new DateOnly(2028, 2, 1), new BillingPeriod(2028, 2).FirstDay);
        Assert.Equal(new DateOnly(2028, 2, 29), new BillingPeriod(2028, 2).LastDay);
        Assert.Equal(new DateOnly(2027, 2, 28), new BillingPeriod(2027, 2).LastDay);
        Assert.Equal(new DateOnly(2026, 12, 31), December.LastDay);
        Assert.Equal(new DateOnly(2026, 11, 30), November.LastDay);
    }

    // ---- Meter readings ----

    [Theory]
    [InlineData("100", "112.5", "12.5")]
    [InlineData("100", "100", "0")]
    [InlineData("0", "0.01", "0.01")]
    public void Consumption_is_this_reading_minus_the_last(string previous, string current, string expected)
    {
        Assert.Equal(D(expected), MeterReading.Consumption(D(previous), D(current)));
    }

    [Fact]
    public void A_meter_that_went_backwards_or_a_missing_reading_has_no_consumption()
    {
        Assert.Null(MeterReading.Consumption(100m, 99.99m));
        Assert.Null(MeterReading.Consumption(null, 100m));
        Assert.Null(MeterReading.Consumption(100m, null));
        Assert.Null(MeterReading.Consumption(null, null));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("1.234")]
    [InlineData("100000000.01")]
    public void A_reading_out_of_range_or_with_3_decimals_is_refused(string reading)
    {
        var ex = Assert.Throws<DomainException>(() =>
            new MeterReading(FeeLedger.PropertyId, Guid.CreateVersion7(), MeterKind.Water, 202612, D(reading), By, Now));

        Assert.Equal("ReadingOutOfRange", ex.Code);
    }

    [Fact]
    public void A_reading_is_recorded_with_who_and_when_and_can_be_corrected()
    {
        var reading = new MeterReading(FeeLedger.PropertyId, Guid.CreateVersion7(), MeterKind.Water, 202612, 1234.56m, By, Now);
        Assert.Equal((1234.56m, Now, "张三"), (reading.Reading, reading.RecordedAt, reading.RecordedByName));

        Assert.Throws<DomainException>(() => reading.Change(-1m, By, Now.AddHours(1)));
        Assert.Equal(1234.56m, reading.Reading);

        reading.Change(1243.65m, new Actor("u2", "李四"), Now.AddHours(1));
        Assert.Equal((1243.65m, Now.AddHours(1), "李四"), (reading.Reading, reading.RecordedAt, reading.RecordedByName));
    }

    // ---- Fee policy ----

    [Fact]
    public void By_default_a_month_is_due_30_days_after_its_first_day()
    {
        var policy = new FeePolicy(FeeLedger.PropertyId);

        Assert.Equal(new DateOnly(2026, 12, 31), policy.DueDateOf(December));
        Assert.Equal(new DateOnly(2026, 3, 3), policy.DueDateOf(new BillingPeriod(2026, 2)));
        Assert.Equal(70, policy.CustodyPercent);
        Assert.Equal(DunningLadder.Default, policy.Ladder);
    }

    [Fact]
    public void Updated_settings_are_used_for_due_dates_and_the_ladder()
    {
        var policy = new FeePolicy(FeeLedger.PropertyId);
        var ladder = new DunningLadder(10, 5, 60, 7, 20);

        policy.Update(1, 0, 10, 80, 5, false, ladder);
        Assert.Equal(new DateOnly(2026, 12, 1), policy.DueDateOf(December));
        Assert.Equal((80, 5, false), (policy.CustodyPercent, policy.InvoiceWorkingDays, policy.AutoBilling));
        Assert.Equal(ladder, policy.Ladder);

        policy.Update(28, 60, 28, 0, 30, true, ladder);
        Assert.Equal(new DateOnly(2027, 1, 30), policy.DueDateOf(December));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(29, 29)]
    [InlineData(1, 0)]
    [InlineData(1, 29)]
    [InlineData(11, 10)]
    public void Billing_and_notice_days_outside_1_to_28_or_a_notice_before_billing_are_refused(int billingDay, int noticeDay)
    {
        var policy = new FeePolicy(FeeLedger.PropertyId);

        var ex = Assert.Throws<DomainException>(() => policy.Update(billingDay, 30, noticeDay, 70, 3, true, DunningLadder.Default));

        Assert.Equal("FeeDaysInvalid", ex.Code);
        Assert.Equal((1, 10), (policy.BillingDay, policy.NoticeDay));
    }

    [Theory]
    [InlineData(-1, 70, 3)]
    [InlineData(61, 70, 3)]
    [InlineData(30, -1, 3)]
    [InlineData(30, 101, 3)]
    [InlineData(30, 70, 0)]
    [InlineData(30, 70, 31)]
    public void Due_days_custody_percent_or_invoice_days_out_of_range_are_refused(int dueDays, int custodyPercent, int invoiceDays)
    {
        var policy = new FeePolicy(FeeLedger.PropertyId);

        var ex = Assert.Throws<DomainException>(() => policy.Update(1, dueDays, 10, custodyPercent, invoiceDays, true, DunningLadder.Default));

        Assert.Equal("FeeSettingOutOfRange", ex.Code);
        Assert.Equal((30, 70, 3), (policy.DueDays, policy.CustodyPercent, policy.InvoiceWorkingDays));
    }

    [Theory]
    [InlineData(0, 15, 90, 14, 30)]
    [InlineData(30, 0, 90, 14, 30)]
    [InlineData(30, 15, 366, 14, 30)]
    [InlineData(30, 15, 90, 0, 30)]
    [InlineData(30, 15, 90, 14, 366)]
    public void A_ladder_wait_outside_1_to_365_days_is_refused(int reminder, int second, int letter, int visit, int legal)
    {
        var policy = new FeePolicy(FeeLedger.PropertyId);

        var ex = Assert.Throws<DomainException>(() =>
            policy.Update(1, 30, 10, 70, 3, true, new DunningLadder(reminder, second, letter, visit, legal)));

        Assert.Equal("FeeSettingOutOfRange", ex.Code);
        Assert.Equal(DunningLadder.Default, policy.Ladder);
    }

    // ---- Monthly charge keys, days overdue, billing runs ----

    [Fact]
    public void A_month_of_an_item_for_a_unit_has_one_key()
    {
        var item = Guid.CreateVersion7();
        var unit = Guid.CreateVersion7();

        Assert.Equal(Charge.MonthlyKey(item, unit, December), Charge.MonthlyKey(item, unit, new BillingPeriod(2026, 12)));
        Assert.NotEqual(Charge.MonthlyKey(item, unit, December), Charge.MonthlyKey(item, unit, November));
        Assert.NotEqual(Charge.MonthlyKey(item, unit, December), Charge.MonthlyKey(item, Guid.CreateVersion7(), December));
        Assert.EndsWith(":202612", Charge.MonthlyKey(item, unit, December));
    }

    [Fact]
    public void A_charge_is_overdue_from_the_day_after_its_due_date()
    {
        var charge = new FeeLedger().Charge(Guid.CreateVersion7(), 100m, new DateOnly(2026, 12, 31), 202612);

        Assert.Equal(0, charge.DaysOverdue(new DateOnly(2026, 12, 1)));
        Assert.Equal(0, charge.DaysOverdue(new DateOnly(2026, 12, 31)));
        Assert.Equal(1, charge.DaysOverdue(new DateOnly(2027, 1, 1)));
        Assert.Equal(30, charge.DaysOverdue(new DateOnly(2027, 1, 30)));
    }

    [Fact]
    public void A_billing_run_adds_up_its_reruns_and_its_notices_are_delivered_once()
    {
        var run = new BillingRun(FeeLedger.PropertyId, December, Now);
        Assert.Equal(December, run.BillingPeriod);

        run.Completed(10, 2088.70m, 2, 10, By, Now);
        run.Completed(1, 208.87m, 0, 1, new Actor("u2", "李四"), Now.AddHours(1));
        Assert.Equal((2, 11, 2297.57m, 0, 11), (run.Runs, run.ChargesCreated, run.AmountBilled, run.MissingReadings, run.NoticesCreated));
        Assert.Equal(("李四", Now.AddHours(1)), (run.LastRunByName, run.LastRunAt));
        Assert.Null(run.LeaseUntil);

        run.NoticesPrinted(Now.AddHours(2));
        run.NoticesPrinted(Now.AddHours(3));
        Assert.Equal(Now.AddHours(2), run.NoticesPrintedAt);

        run.NoticesDelivered(By, Now.AddDays(5));
        Assert.Equal("NoticesAlreadyDelivered", Assert.Throws<DomainException>(() => run.NoticesDelivered(By, Now.AddDays(6))).Code);
        Assert.Equal(Now.AddDays(5), run.NoticesDeliveredAt);
    }

    private static decimal D(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
