using Microsoft.EntityFrameworkCore;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// Keeps the query planner's statistics current. SQLite has no autovacuum/autoanalyze: without
/// statistics its planner guesses, and on 200,000 repair orders it guessed wrong (the register page
/// took 450 ms instead of 13 ms, an order's page 230 ms instead of 11 ms — docs/benchmarks.md).
/// <c>PRAGMA optimize</c> re-analyses only the tables whose size changed a lot since the last time,
/// and <c>analysis_limit</c> bounds each analysis to a sample, so a run costs well under a second.
/// PostgreSQL's autovacuum already does this; there the job does nothing.
/// </summary>
public static class PlannerStatistics
{
    public static async Task RefreshAsync(PortalDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            // 0x10002: consider every table, not only those this connection has queried.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; PRAGMA optimize=0x10002;", ct);
        }
    }
}
