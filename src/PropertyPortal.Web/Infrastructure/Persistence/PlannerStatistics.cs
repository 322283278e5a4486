using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// Keeps the query planner's statistics current. SQLite has no autovacuum/autoanalyze: without
/// statistics its planner guesses, and on 200,000 repair orders it guessed wrong (the register page
/// took 450 ms instead of 13 ms, an order's page 230 ms instead of 11 ms — docs/benchmarks.md).
/// <c>ANALYZE</c> with <c>analysis_limit</c> reads a sample of each index, so a run costs well under a
/// second even at 1 GB (0.4 s measured on the benchmark database). <c>PRAGMA optimize</c> was tried
/// first and is not enough: run at startup on an empty database, it later judged the grown tables not
/// worth analysing, and the planner kept guessing. PostgreSQL's autovacuum already does this; there the
/// job does nothing.
/// </summary>
public static class PlannerStatistics
{
    public static async Task RefreshAsync(PortalDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", ct);

            // A connection reads the statistics when it opens; pooled connections opened before (at
            // startup, on near-empty tables) would keep planning with the old ones for as long as they
            // live. Clearing the pool makes every later request open a connection with the new ones.
            SqliteConnection.ClearAllPools();
        }
    }
}
