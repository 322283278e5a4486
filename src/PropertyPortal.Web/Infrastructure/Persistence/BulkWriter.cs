using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using PropertyPortal.Domain.Common;

namespace PropertyPortal.Web.Infrastructure.Persistence;

/// <summary>
/// Inserts many rows of one entity type without EF's per-row work: Npgsql's binary <c>COPY</c> on PostgreSQL,
/// one prepared <c>INSERT</c> re-executed per row on SQLite — both on the context's connection and inside its
/// current transaction (the caller opens one, so the rows commit or roll back with the rest of its work).
/// Tables, columns and value conversions (fen, UTC instants, enums) come from the EF model, so the rows are
/// stored exactly as SaveChanges would store them. What SaveChanges would also do is done here: the caller's
/// property scope is checked for every row. Nothing else is: the rows are not tracked, and no audit row is
/// written, so only types with their own history (<see cref="IHasOwnHistory"/>) are accepted — the caller
/// records what the bulk write did (ADR 0028). Store-generated keys (an identity <c>long</c>) are left to the
/// database and not read back.
/// </summary>
public abstract class BulkWriter
{
    public static BulkWriter For(PortalDbContext db) =>
        db.Database.IsNpgsql() ? new PostgresBulkWriter() : new SqliteBulkWriter();

    /// <summary>Inserts <paramref name="rows"/>; requires an open transaction on <paramref name="db"/>.</summary>
    public async Task InsertAsync<T>(PortalDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class, IHasOwnHistory
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is not { } tx)
        {
            throw new InvalidOperationException("A bulk insert runs inside the caller's transaction.");
        }

        foreach (var row in rows)
        {
            if (row is IPropertyScoped scoped && !db.Scope.CanSee(scoped.PropertyId))
            {
                throw new PropertyScopeViolationException($"{typeof(T).Name} belongs to a property outside the caller's scope.");
            }
        }

        var table = Table.Of(db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model."));
        await WriteAsync(db.Database.GetDbConnection(), tx.GetDbTransaction(), table, rows, ct);
    }

    private protected abstract Task WriteAsync<T>(DbConnection connection, DbTransaction transaction, Table table, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class;

    /// <summary>The columns of an entity type as the database stores them.</summary>
    private protected sealed record Table(string Name, string? Schema, IReadOnlyList<Column> Columns)
    {
        public static Table Of(IEntityType type)
        {
            var name = type.GetTableName() ?? throw new InvalidOperationException($"{type.ClrType.Name} has no table.");
            var store = StoreObjectIdentifier.Table(name, type.GetSchema());
            var columns = type.GetProperties()
                .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && (p.ClrType == typeof(long) || p.ClrType == typeof(int))))
                .Select(p => new Column(p.GetColumnName(store) ?? p.Name, p.GetRelationalTypeMapping(), p.GetGetter(), p.IsNullable))
                .ToList();
            return new Table(name, type.GetSchema(), columns);
        }

        public string Quoted(char quote) => (Schema is null ? "" : $"{quote}{Schema}{quote}.") + $"{quote}{Name}{quote}";
    }

    private protected sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, bool Nullable)
    {
        /// <summary>The value as the provider receives it: value converters applied, enums as their numbers.</summary>
        public object? ProviderValue(object entity)
        {
            var value = Getter.GetClrValueUsingContainingEntity(entity);
            if (value is null)
            {
                return null;
            }

            if (Mapping.Converter is { } converter)
            {
                return converter.ConvertToProvider(value);
            }

            return value is Enum e ? Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), System.Globalization.CultureInfo.InvariantCulture) : value;
        }
    }
}

/// <summary>PostgreSQL: one binary COPY per call, in the caller's transaction.</summary>
internal sealed class PostgresBulkWriter : BulkWriter
{
    private protected override async Task WriteAsync<T>(DbConnection connection, DbTransaction transaction, Table table, IReadOnlyCollection<T> rows, CancellationToken ct)
    {
        var npgsql = (NpgsqlConnection)connection;
        var types = table.Columns.Select(c => c.Mapping.StoreType.Split('(')[0].Trim().ToLowerInvariant()).ToArray();
        var copy = $"COPY {table.Quoted('"')} ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await npgsql.BeginBinaryImportAsync(copy, ct);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                await WriteValueAsync(importer, table.Columns[i].ProviderValue(row), types[i], ct);
            }
        }

        await importer.CompleteAsync(ct);
    }

    private static Task WriteValueAsync(NpgsqlBinaryImporter importer, object? value, string storeType, CancellationToken ct) => value switch
    {
        null => importer.WriteNullAsync(ct),
        Guid g => importer.WriteAsync(g, NpgsqlDbType.Uuid, ct),
        string s => importer.WriteAsync(s, storeType == "text" ? NpgsqlDbType.Text : NpgsqlDbType.Varchar, ct),
        long l => importer.WriteAsync(l, NpgsqlDbType.Bigint, ct),
        int n => importer.WriteAsync(n, NpgsqlDbType.Integer, ct),
        short n => importer.WriteAsync(n, NpgsqlDbType.Smallint, ct),
        bool b => importer.WriteAsync(b, NpgsqlDbType.Boolean, ct),
        decimal d => importer.WriteAsync(d, NpgsqlDbType.Numeric, ct),
        double d => importer.WriteAsync(d, NpgsqlDbType.Double, ct),
        DateTime t => importer.WriteAsync(t, storeType.StartsWith("timestamp with time zone", StringComparison.Ordinal) ? NpgsqlDbType.TimestampTz : NpgsqlDbType.Timestamp, ct),
        DateOnly d => importer.WriteAsync(d, NpgsqlDbType.Date, ct),
        byte[] b => importer.WriteAsync(b, NpgsqlDbType.Bytea, ct),
        _ => throw new NotSupportedException($"A bulk insert cannot write a {value.GetType().Name} ({storeType})."),
    };
}

/// <summary>SQLite: one INSERT prepared once and executed per row, in the caller's transaction (SQLite has no COPY).</summary>
internal sealed class SqliteBulkWriter : BulkWriter
{
    private protected override async Task WriteAsync<T>(DbConnection connection, DbTransaction transaction, Table table, IReadOnlyCollection<T> rows, CancellationToken ct)
    {
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = $"INSERT INTO {table.Quoted('"')} ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"@p{i}"))})";
        var parameters = table.Columns.Select((c, i) => c.Mapping.CreateParameter(command, $"@p{i}", null, c.Nullable)).ToArray();
        command.Parameters.AddRange(parameters);
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = table.Columns[i].ProviderValue(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
