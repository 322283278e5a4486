using Microsoft.EntityFrameworkCore.Migrations;

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite;

/// <summary>
/// Column changes SQLite can make in place, for the SQLite migrations to use instead of EF's table rebuild. EF
/// rebuilds a table for a dropped column or a changed nullability and wraps the rebuild in PRAGMA foreign_keys,
/// which cannot run inside the migration's transaction: a start-up warning, and a migration left half-applied if
/// the process dies in it. These run inside the transaction (SQLite 3.35+: DROP COLUMN, RENAME COLUMN). A column
/// used by an index, a key or a constraint cannot be dropped this way — SQLite refuses, and the migration fails
/// whole rather than half.
/// </summary>
internal static class SqliteInPlace
{
    /// <summary>Drops a plain column.</summary>
    public static void DropColumn(MigrationBuilder migrationBuilder, string table, string column) =>
        migrationBuilder.Sql($"""ALTER TABLE "{table}" DROP COLUMN "{column}";""");

    /// <summary>Lets a NOT NULL column hold NULL, keeping its values: renamed aside, added again as nullable, copied, dropped.</summary>
    public static void MakeNullable(MigrationBuilder migrationBuilder, string table, string column, string type)
    {
        var aside = column + "_notnull";
        migrationBuilder.Sql($"""ALTER TABLE "{table}" RENAME COLUMN "{column}" TO "{aside}";""");
        migrationBuilder.Sql($"""ALTER TABLE "{table}" ADD COLUMN "{column}" {type} NULL;""");
        migrationBuilder.Sql($"""UPDATE "{table}" SET "{column}" = "{aside}";""");
        migrationBuilder.Sql($"""ALTER TABLE "{table}" DROP COLUMN "{aside}";""");
    }
}
