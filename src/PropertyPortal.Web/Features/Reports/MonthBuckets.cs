using System.Linq.Expressions;

namespace PropertyPortal.Web.Features.Reports;

/// <summary>A row a range of months is counted from in one statement: the instant that places it in a month, and that month's index.</summary>
public interface IMonthRow
{
    /// <summary>The instant that decides the row's month (an order's receipt, a callback's due instant).</summary>
    DateTime At { get; }

    /// <summary>The index of <see cref="At"/>'s month in the range (see <see cref="MonthBuckets.Assign{T}"/>).</summary>
    int Bucket { get; }
}

/// <summary>
/// Splits a range of months inside one SQL statement, so a section groups and counts the whole range of the dashboard in
/// the database: each row's month index is a CASE over the months' ends, which go to the database as parameters.
/// </summary>
public static class MonthBuckets
{
    /// <summary>The end (UTC) of each of the <paramref name="months"/> months from <paramref name="first"/>.</summary>
    public static DateTime[] Ends(ReportPeriod first, int months) => Enumerable.Range(0, months).Select(i => first.Shift(i).ToUtc).ToArray();

    /// <summary>Each month's bucket (its index in the range) by yyyyMM.</summary>
    public static Dictionary<int, int> Indexes(ReportPeriod first, int months) => Enumerable.Range(0, months).ToDictionary(i => first.Shift(i).Yyyymm);

    /// <summary>
    /// The row with <see cref="IMonthRow.Bucket"/> set to its month: the first i with <see cref="IMonthRow.At"/> before
    /// <paramref name="monthEnds"/>[i], or the number of months for a row after the range. Every other settable property is copied.
    /// </summary>
    public static Expression<Func<T, T>> Assign<T>(DateTime[] monthEnds) where T : IMonthRow, new()
    {
        var row = Expression.Parameter(typeof(T), "r");
        var at = Expression.Property(row, nameof(IMonthRow.At));
        Expression bucket = Expression.Constant(monthEnds.Length);
        for (var i = monthEnds.Length - 1; i >= 0; i--)
        {
            bucket = Expression.Condition(
                Expression.LessThan(at, Expression.ArrayIndex(Expression.Constant(monthEnds), Expression.Constant(i))), Expression.Constant(i), bucket);
        }

        var copied = typeof(T).GetProperties().Where(p => p.CanWrite && p.Name != nameof(IMonthRow.Bucket))
            .Select(p => (MemberBinding)Expression.Bind(p, Expression.Property(row, p)));
        var init = Expression.MemberInit(Expression.New(typeof(T)), [.. copied, Expression.Bind(typeof(T).GetProperty(nameof(IMonthRow.Bucket))!, bucket)]);
        return Expression.Lambda<Func<T, T>>(init, row);
    }
}
