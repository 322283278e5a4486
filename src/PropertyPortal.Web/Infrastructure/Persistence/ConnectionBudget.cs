using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// The PostgreSQL connection budget (docs/deploy-postgres.md):
/// <c>Instances × (Maximum Pool Size + Scheduler:PoolSize) ≤ max_connections − superuser_reserved_connections − Database:ReservedConnections</c>.
/// Checked at startup against the server's own settings; a budget that does not fit is logged as a
/// warning (the portal still starts: the operator may be about to raise max_connections), because
/// exceeding it under load answers clerks with "too many clients" (53300).
/// </summary>
public sealed record ConnectionBudget(int Instances, int PoolSize, int SchedulerPoolSize, int MaxConnections, int SuperuserReserved, int Reserved)
{
    public int PerInstance => PoolSize + SchedulerPoolSize;

    public int Needed => Instances * PerInstance;

    public int Available => MaxConnections - SuperuserReserved - Reserved;

    public bool Fits => Needed <= Available;

    /// <summary>The largest Maximum Pool Size that fits this many instances (for the warning's advice).</summary>
    public int LargestPoolThatFits => Math.Max(0, Available / Instances - SchedulerPoolSize);

    public static ConnectionBudget For(DatabaseOptions options, int maxConnections, int superuserReserved) =>
        new(options.Instances, options.PoolSize, options.SchedulerPoolSize, maxConnections, superuserReserved, options.ReservedConnections);

    public static async Task CheckAsync(PortalDbContext db, DatabaseOptions options, ILogger logger, CancellationToken ct)
    {
        if (options.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        if (options.Pooler == DatabasePooler.PgBouncer)
        {
            // Behind PgBouncer the server sees PgBouncer's pool (default_pool_size per database and user), not ours.
            logger.LogInformation("Connection budget: through PgBouncer; this instance opens up to {Pool} + {SchedulerPool} client connections (count them against PgBouncer's max_client_conn)",
                options.PoolSize, options.SchedulerPoolSize);
            return;
        }

        try
        {
            var budget = For(options, await SettingAsync(db, "max_connections", ct), await SettingAsync(db, "superuser_reserved_connections", ct));
            if (budget.Fits)
            {
                logger.LogInformation(
                    "Connection budget: {Instances} instance(s) × ({Pool} + {SchedulerPool}) = {Needed} of the {Available} connections the server allows ({MaxConnections} max_connections − {SuperuserReserved} superuser reserved − {Reserved} reserved)",
                    budget.Instances, budget.PoolSize, budget.SchedulerPoolSize, budget.Needed, budget.Available, budget.MaxConnections, budget.SuperuserReserved, budget.Reserved);
            }
            else
            {
                logger.LogWarning(
                    "Connection budget exceeded: {Instances} instance(s) × ({Pool} + {SchedulerPool}) = {Needed} connections, but the server allows {Available} ({MaxConnections} max_connections − {SuperuserReserved} superuser reserved − {Reserved} Database:ReservedConnections). Under load clerks would get \"too many clients\": set Maximum Pool Size={Largest} in the connection string, raise max_connections, or put PgBouncer in front (docs/deploy-postgres.md)",
                    budget.Instances, budget.PoolSize, budget.SchedulerPoolSize, budget.Needed, budget.Available, budget.MaxConnections, budget.SuperuserReserved, budget.Reserved, budget.LargestPoolThatFits);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Connection budget not checked: reading the server's max_connections failed ({Message})", ex.GetBaseException().Message);
        }
    }

    private static async Task<int> SettingAsync(PortalDbContext db, string name, CancellationToken ct)
    {
        var text = await db.Database.SqlQuery<string>($"SELECT current_setting({name}) AS \"Value\"").SingleAsync(ct);
        return int.Parse(text, CultureInfo.InvariantCulture);
    }
}
