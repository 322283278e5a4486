using System.Text;

namespace PropertyPortal.Domain.Fees;

/// <summary>
/// 大写金额: an amount in the financial capitals a receipt carries, by the rules of 《支付结算办法》附一:
/// 元 followed by 整 when there are no 角 or 分; one 零 for any run of zeros inside the number and between
/// 元 and 角/分 (1,680.32 → 壹仟陆佰捌拾元零叁角贰分; 325.04 → 叁佰贰拾伍元零肆分); 壹拾 written out;
/// nothing after 分, and nothing after 角 either (the rules allow leaving 整 off there).
/// </summary>
public static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] Places = ["", "拾", "佰", "仟"];
    private static readonly string[] Sections = ["", "万", "亿", "万亿"];

    public static string ToCapitals(decimal amount)
    {
        if (decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentException("An amount in whole fen (two decimals) is needed.", nameof(amount));
        }

        if (amount < 0)
        {
            return "负" + ToCapitals(-amount);
        }

        if (amount >= 10_000_000_000_000_000m)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "Too large for a receipt.");
        }

        var yuan = (long)decimal.Truncate(amount);
        var fen = (int)((amount - yuan) * 100);
        var (jiao, cents) = (fen / 10, fen % 10);

        var text = new StringBuilder();
        if (yuan > 0)
        {
            text.Append(Integer(yuan)).Append('元');
        }

        if (jiao == 0 && cents == 0)
        {
            return (yuan == 0 ? "零元" : text.ToString()) + "整";
        }

        if (yuan > 0 && (jiao == 0 || yuan % 10 == 0))
        {
            text.Append('零');
        }

        if (jiao > 0)
        {
            text.Append(Digits[jiao]).Append('角');
        }

        if (cents > 0)
        {
            text.Append(Digits[cents]).Append('分');
        }

        return text.ToString();
    }

    /// <summary>A whole number of yuan in groups of four (个, 万, 亿 …), one 零 for each gap.</summary>
    private static string Integer(long value)
    {
        var groups = new List<int>();
        for (var v = value; v > 0; v /= 10_000)
        {
            groups.Add((int)(v % 10_000));
        }

        var text = new StringBuilder();
        var zeroPending = false;
        for (var i = groups.Count - 1; i >= 0; i--)
        {
            var group = groups[i];
            if (group == 0)
            {
                zeroPending = text.Length > 0;
                continue;
            }

            // A group below a thousand after higher digits (1,000,001 → 壹佰万零壹) starts with 零.
            if (text.Length > 0 && (zeroPending || group < 1000))
            {
                text.Append('零');
            }

            text.Append(Group(group)).Append(Sections[i]);
            zeroPending = false;
        }

        return text.ToString();
    }

    /// <summary>0–9999 with 仟佰拾: inner zeros as one 零, trailing zeros unwritten.</summary>
    private static string Group(int value)
    {
        var text = new StringBuilder();
        var zero = false;
        for (var place = 3; place >= 0; place--)
        {
            var digit = value / (int)Math.Pow(10, place) % 10;
            if (digit == 0)
            {
                zero = text.Length > 0;
                continue;
            }

            if (zero)
            {
                text.Append('零');
                zero = false;
            }

            text.Append(Digits[digit]).Append(Places[place]);
        }

        return text.ToString();
    }
}
