using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MoveInLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "CustodyElectricityLimit",
                table: "SlaPolicies",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 20m);

            migrationBuilder.AddColumn<int>(
                name: "CustodyPatrolDays",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.AddColumn<int>(
                name: "CustodyRainPatrolHours",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 24);

            migrationBuilder.AddColumn<decimal>(
                name: "CustodyWaterLimit",
                table: "SlaPolicies",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: false,
                defaultValue: 5m);

            migrationBuilder.AddColumn<int>(
                name: "MoveInReceptionGraceMinutes",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "MoveOutMinutes",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<int>(
                name: "NewHouseholdCallbackMonths",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "MoveOutEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MoveOutId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MoveOutEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MoveOutEvents_MoveOuts_MoveOutId",
                        column: x => x.MoveOutId,
                        principalTable: "MoveOuts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RainPatrolOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    RainDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Phase = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrderedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OrderedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrderedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Units = table.Column<int>(type: "integer", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RainPatrolOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RainPatrolOrders_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MoveOutEvents_MoveOutId",
                table: "MoveOutEvents",
                column: "MoveOutId");

            migrationBuilder.CreateIndex(
                name: "IX_RainPatrolOrders_PropertyId_RainDate_Phase",
                table: "RainPatrolOrders",
                columns: new[] { "PropertyId", "RainDate", "Phase" },
                unique: true);

            // Policies saved before this migration keep the seeds' limits (the model's defaults), not zero.
            // Move-outs opened before it get their timeline from what they recorded: opened, let go with fees owed, completed
            // (a cancellation kept no time, so it has no line). The same statements run on both providers.
            migrationBuilder.Sql("""
                INSERT INTO "MoveOutEvents" ("MoveOutId", "Kind", "PropertyId", "At", "ActorId", "ActorName", "Note")
                SELECT "Id", 'Opened', "PropertyId", "ReceivedAt", NULL, "ReceivedByName", NULL FROM "MoveOuts" ORDER BY "ReceivedAt";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "MoveOutEvents" ("MoveOutId", "Kind", "PropertyId", "At", "ActorId", "ActorName", "Note")
                SELECT "Id", 'Overridden', "PropertyId", "CompletedAt", NULL, COALESCE("OverrideByName", ''), "OverrideReason" FROM "MoveOuts"
                WHERE "Status" = 'Completed' AND "CompletedAt" IS NOT NULL AND "OverrideReason" IS NOT NULL ORDER BY "CompletedAt";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "MoveOutEvents" ("MoveOutId", "Kind", "PropertyId", "At", "ActorId", "ActorName", "Note")
                SELECT "Id", 'Completed', "PropertyId", "CompletedAt", NULL, COALESCE("CompletedByName", ''), NULL FROM "MoveOuts"
                WHERE "Status" = 'Completed' AND "CompletedAt" IS NOT NULL ORDER BY "CompletedAt";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MoveOutEvents");

            migrationBuilder.DropTable(
                name: "RainPatrolOrders");

            migrationBuilder.DropColumn(
                name: "CustodyElectricityLimit",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "CustodyPatrolDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "CustodyRainPatrolHours",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "CustodyWaterLimit",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "MoveInReceptionGraceMinutes",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "MoveOutMinutes",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "NewHouseholdCallbackMonths",
                table: "SlaPolicies");
        }
    }
}
