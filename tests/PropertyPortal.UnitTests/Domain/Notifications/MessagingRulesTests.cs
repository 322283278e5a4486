using PropertyPortal.Domain.Common;
using PropertyPortal.Domain.Notifications;

namespace PropertyPortal.UnitTests.Domain.Notifications;

public sealed class MessagingRulesTests
{
    private static TimeOnly T(string hhmm) => TimeOnly.Parse(hhmm, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("20:59:59", false)]
    [InlineData("21:00", true)]
    [InlineData("23:59:59", true)]
    [InlineData("00:00", true)]
    [InlineData("07:59:59", true)]
    [InlineData("08:00", false)]
    [InlineData("12:00", false)]
    public void Default_quiet_hours_run_from_nine_at_night_to_eight_in_the_morning(string time, bool quiet) =>
        Assert.Equal(quiet, QuietHours.Default.Contains(T(time)));

    [Fact]
    public void A_message_due_in_the_evening_waits_until_the_next_morning_and_one_after_midnight_until_the_same_morning()
    {
        Assert.Equal(new DateTime(2026, 12, 2, 8, 0, 0), QuietHours.Default.EndAfter(new DateTime(2026, 12, 1, 21, 0, 0)));
        Assert.Equal(new DateTime(2026, 12, 2, 8, 0, 0), QuietHours.Default.EndAfter(new DateTime(2026, 12, 2, 0, 30, 0)));
        Assert.Equal(new DateTime(2026, 12, 2, 12, 0, 0), QuietHours.Default.EndAfter(new DateTime(2026, 12, 2, 12, 0, 0)));
    }

    [Fact]
    public void Quiet_hours_within_one_day_and_none_at_all()
    {
        var lunch = new QuietHours(T("12:00"), T("14:00"));
        Assert.True(lunch.Contains(T("13:00")));
        Assert.False(lunch.Contains(T("14:00")));
        Assert.Equal(new DateTime(2026, 12, 1, 14, 0, 0), lunch.EndAfter(new DateTime(2026, 12, 1, 12, 0, 0)));
        Assert.False(new QuietHours(T("21:00"), T("21:00")).Contains(T("22:00")));
    }

    [Theory]
    [InlineData(58, 1)] // 【翠湖物业】 is 6 characters: 64 in all
    [InlineData(64, 1)] // exactly 70
    [InlineData(65, 2)] // 71: two parts of 67
    [InlineData(128, 2)] // 134 = 2 × 67
    [InlineData(129, 3)] // 135
    public void An_SMS_of_up_to_70_characters_with_its_signature_is_one_message_and_a_longer_one_goes_67_a_part(int textLength, int parts) =>
        Assert.Equal(parts, SmsSegments.Count("翠湖物业", new string('费', textLength)));

    [Fact]
    public void An_emoji_counts_as_one_character() =>
        Assert.Equal(3, SmsSegments.Length("a😀b"));

    [Fact]
    public void Placeholders_are_read_in_order_and_broken_braces_are_found()
    {
        Assert.Equal(["name", "amount", "due"], TemplateText.Parse("{name}您好，共{amount}元，{due}前，{amount}").Placeholders);
        Assert.NotNull(TemplateText.Parse("共{amount元").Error);
        Assert.NotNull(TemplateText.Parse("共amount}元").Error);
        Assert.NotNull(TemplateText.Parse("共{}元").Error);
        Assert.NotNull(TemplateText.Parse("共{金额}元").Error);
        Assert.NotNull(TemplateText.Parse("{a{b}}").Error);
    }

    [Fact]
    public void Filling_a_template_puts_each_value_in_its_place() =>
        Assert.Equal("王先生您好，共1,286.50元", TemplateText.Fill("{name}您好，共{amount}元", new Dictionary<string, string> { ["name"] = "王先生", ["amount"] = "1,286.50" }));

    [Fact]
    public void A_template_edit_refuses_an_unknown_placeholder_and_a_dropped_required_one()
    {
        var template = new MessageTemplate("PaymentNotice", "缴费通知", "{name}：{amount}元，{due}前");
        string[] allowed = ["name", "unit", "amount", "due"];
        string[] required = ["amount", "due"];
        var by = new Actor("a", "管理员");
        var now = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal("TemplatePlaceholderUnknown", Assert.Throws<DomainException>(() => template.Update("缴费通知", "{name}：{total}元，{due}前", allowed, required, by, now)).Code);
        Assert.Equal("TemplatePlaceholderMissing", Assert.Throws<DomainException>(() => template.Update("缴费通知", "{name}：请缴费", allowed, required, by, now)).Code);
        Assert.Equal("TemplateSyntax", Assert.Throws<DomainException>(() => template.Update("缴费通知", "{name：{amount}{due}", allowed, required, by, now)).Code);
        Assert.Null(template.UpdatedAt);

        template.Update("物业费通知", "{unit}应缴{amount}元，请于{due}前缴纳", allowed, required, by, now);
        Assert.Equal("{unit}应缴{amount}元，请于{due}前缴纳", template.Text);
        Assert.Equal("管理员", template.UpdatedByName);
    }

    [Fact]
    public void A_team_chat_key_is_checked_and_shown_masked()
    {
        var by = new Actor("a", "管理员");
        Assert.Equal("WebhookKeyInvalid", Assert.Throws<DomainException>(() => new TeamChat(Guid.NewGuid(), "key with spaces", by, DateTime.UtcNow)).Code);
        Assert.Equal("****aaaa", new TeamChat(Guid.NewGuid(), "693a91f6-7xxx-4bc4-97a0-0ec2sifaaaaa", by, DateTime.UtcNow).MaskedKey);
    }

    [Fact]
    public void Addresses_are_masked_for_lists()
    {
        Assert.Equal("138****8000", AddressMask.Phone("13800138000"));
        Assert.Equal("z***@example.com", AddressMask.Email("zhang.san@example.com"));
    }
}
