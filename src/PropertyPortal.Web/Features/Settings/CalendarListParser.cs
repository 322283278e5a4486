using System.Globalization;
using System.Text.RegularExpressions;
using PropertyPortal.Domain.Sla;

namespace PropertyPortal.Web.Features.Settings;

/// <summary>One line of a pasted calendar: a holiday block (From..To) or a single make-up working day (From = To).</summary>
public sealed record CalendarEntry(int Line, DateOnly From, DateOnly To, CalendarDayKind Kind, string Name);

/// <summary>
/// Why a line was refused. <see cref="Code"/> names the message (SettingsText "Calendar.Error.{Code}");
/// its first argument is always the line number (0 for the text as a whole).
/// </summary>
public sealed record CalendarLineError(int Line, string Code, params object[] Args);

public sealed record CalendarList(IReadOnlyList<CalendarEntry> Entries, IReadOnlyList<CalendarLineError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public IEnumerable<(string From, string To, string Name)> Holidays => Entries.Where(e => e.Kind == CalendarDayKind.Holiday)
        .Select(e => (CalendarListParser.Format(e.From), CalendarListParser.Format(e.To), e.Name));

    public IEnumerable<(string Date, string Name)> MakeUpDays => Entries.Where(e => e.Kind == CalendarDayKind.MakeUpWorkday)
        .Select(e => (CalendarListParser.Format(e.From), e.Name));
}

/// <summary>
/// Reads a year's holiday arrangement as an admin copies it from the State Council notice, one entry a line:
/// <c>2027-01-01~2027-01-03 元旦</c> (days off) or <c>2027-01-04 调休 元旦调休</c> (a weekend day worked).
/// Strict on purpose: a misread line would silently move every working-day deadline of the year, so any
/// doubt is an error with its line number and nothing is loaded.
/// </summary>
public static partial class CalendarListParser
{
    public const string MakeUpKeyword = "调休";
    public const int MaxNameLength = 50;

    /// <summary>The longest holiday block accepted; 春节 is 8–9 days, so a month means a typo.</summary>
    public const int MaxBlockDays = 15;

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static CalendarList Parse(string? text, int year)
    {
        var entries = new List<CalendarEntry>();
        var errors = new List<CalendarLineError>();
        var seen = new Dictionary<DateOnly, int>();
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = Tilde().Replace(lines[i].Trim().Replace('\u3000', ' '), "~");
            if (line.Length == 0)
            {
                continue;
            }

            var entry = ParseLine(number, line, year, errors);
            if (entry is null)
            {
                continue;
            }

            for (var d = entry.From; d <= entry.To; d = d.AddDays(1))
            {
                if (seen.TryGetValue(d, out var earlier))
                {
                    errors.Add(new(number, "Duplicate", number, Format(d), earlier));
                    entry = null;
                    break;
                }

                seen[d] = number;
            }

            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        if (entries.Count == 0 && errors.Count == 0)
        {
            errors.Add(new(0, "Empty", 0));
        }

        return new(entries, errors);
    }

    private static CalendarEntry? ParseLine(int number, string line, int year, List<CalendarLineError> errors)
    {
        var tokens = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var first = tokens[0];
        DateOnly from, to;
        CalendarDayKind kind;
        string name;
        if (first.Contains('~', StringComparison.Ordinal))
        {
            var parts = first.Split('~');
            if (parts.Length != 2)
            {
                errors.Add(new(number, "Format", number, line));
                return null;
            }

            if (!TryDate(parts[0], out from) || !TryDate(parts[1], out to))
            {
                errors.Add(new(number, "BadDate", number, TryDate(parts[0], out _) ? parts[1] : parts[0]));
                return null;
            }

            kind = CalendarDayKind.Holiday;
            name = string.Join(' ', tokens.Skip(1));
        }
        else if (TryDate(first, out from))
        {
            if (tokens.Length < 2 || tokens[1] != MakeUpKeyword)
            {
                errors.Add(new(number, "Format", number, line));
                return null;
            }

            to = from;
            kind = CalendarDayKind.MakeUpWorkday;
            name = string.Join(' ', tokens.Skip(2));
        }
        else
        {
            errors.Add(new(number, LooksLikeDate().IsMatch(first) ? "BadDate" : "Format", number, LooksLikeDate().IsMatch(first) ? first : line));
            return null;
        }

        if (from.Year != year || to.Year != year)
        {
            errors.Add(new(number, "WrongYear", number, Format(from.Year != year ? from : to), year));
            return null;
        }

        if (to < from)
        {
            errors.Add(new(number, "Backwards", number, Format(from), Format(to)));
            return null;
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxBlockDays)
        {
            errors.Add(new(number, "TooLong", number, MaxBlockDays));
            return null;
        }

        if (name.Length == 0)
        {
            errors.Add(new(number, "NameMissing", number));
            return null;
        }

        if (name.Length > MaxNameLength)
        {
            errors.Add(new(number, "NameTooLong", number, MaxNameLength));
            return null;
        }

        if (kind == CalendarDayKind.MakeUpWorkday && from.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            errors.Add(new(number, "NotWeekend", number, Format(from)));
            return null;
        }

        return new(number, from, to, kind, name);
    }

    private static bool TryDate(string s, out DateOnly date) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [GeneratedRegex(@"\s*[~～]\s*")]
    private static partial Regex Tilde();

    [GeneratedRegex(@"^\d{4}-\d{1,2}-\d{1,2}$")]
    private static partial Regex LooksLikeDate();
}
