using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// The data half of PauseRequestsAndLadders, apart so that no SQL runs while SQLite rebuilds a table: clocks
    /// started before ladders per milestone get the ladder they ran on, orders paused before requests existed get
    /// an approved request, and only then the typed approver's column goes. Keep it when regenerating migrations.
    /// </summary>
    public partial class PauseRequestsData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Clocks started before ladders per milestone ran on the one ladder: handler, supervisors, managers, in-app.
            migrationBuilder.Sql("""UPDATE "SlaClocks" SET "SupervisorChannel" = 'InApp', "ManagerChannel" = 'InApp', "PausedSeconds" = "PausedMinutes" * 60""");

            // Orders paused before requests existed keep their pause as an approved request (id = the order's, one each),
            // so they can be resumed; the approver stays the name that was typed, labelled as such, with no user id.
            migrationBuilder.Sql("""
                INSERT INTO "PauseRequests" ("Id", "PropertyId", "Subject", "SubjectId", "CaseNumber", "Reason", "Note", "RequestedById", "RequestedByName",
                    "RequestedAt", "State", "DecidedById", "DecidedByName", "DecidedAt", "DecisionNote", "EndedAt", "EndedByName", "Version")
                SELECT o."Id", o."PropertyId", 'RepairOrder', o."Id", o."Number", 'Other', o."PauseReason",
                    COALESCE((SELECT e."ActorId" FROM "RepairOrderEvents" e WHERE e."RepairOrderId" = o."Id" AND e."Kind" = 'Paused' ORDER BY e."Id" DESC LIMIT 1), ''),
                    COALESCE((SELECT e."ActorName" FROM "RepairOrderEvents" e WHERE e."RepairOrderId" = o."Id" AND e."Kind" = 'Paused' ORDER BY e."Id" DESC LIMIT 1), ''),
                    COALESCE((SELECT e."At" FROM "RepairOrderEvents" e WHERE e."RepairOrderId" = o."Id" AND e."Kind" = 'Paused' ORDER BY e."Id" DESC LIMIT 1), o."ReceivedAt"),
                    'Approved', NULL, o."PauseApprovedBy",
                    COALESCE((SELECT e."At" FROM "RepairOrderEvents" e WHERE e."RepairOrderId" = o."Id" AND e."Kind" = 'Paused' ORDER BY e."Id" DESC LIMIT 1), o."ReceivedAt"),
                    '批准人为旧版手填姓名', NULL, NULL, 0
                FROM "RepairOrders" o WHERE o."Status" = 'Paused'
                """);
            migrationBuilder.Sql("""UPDATE "RepairOrders" SET "PauseRequestId" = "Id" WHERE "Status" = 'Paused'""");

            // In place, not EF's rebuild of the table outside the transaction (SqliteInPlace).
            SqliteInPlace.DropColumn(migrationBuilder, "RepairOrders", "PauseApprovedBy");

            SqliteInPlace.DropColumn(migrationBuilder, "RepairOrders", "PauseReason");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PauseApprovedBy",
                table: "RepairOrders",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PauseReason",
                table: "RepairOrders",
                maxLength: 200,
                nullable: true);
        }
    }
}
