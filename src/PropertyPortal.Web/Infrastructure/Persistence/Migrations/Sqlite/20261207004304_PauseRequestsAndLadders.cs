using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PauseRequestsAndLadders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LaddersChangedAt",
                table: "SlaPolicies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PauseApprovalMinutes",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 15);

            // In place, not EF's rebuild of the table outside the transaction (SqliteInPlace).
            SqliteInPlace.MakeNullable(migrationBuilder, "SlaClocks", "SupervisorAfterMinutes", "INTEGER");

            SqliteInPlace.MakeNullable(migrationBuilder, "SlaClocks", "ManagerAfterMinutes", "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "ManagerChannel",
                table: "SlaClocks",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ManagerRecipients",
                table: "SlaClocks",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Managers");

            migrationBuilder.AddColumn<string>(
                name: "NoticeTo",
                table: "SlaClocks",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Handler");

            migrationBuilder.AddColumn<long>(
                name: "PausedSeconds",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "SupervisorChannel",
                table: "SlaClocks",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SupervisorRecipients",
                table: "SlaClocks",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Supervisors");

            migrationBuilder.AddColumn<Guid>(
                name: "PauseRequestId",
                table: "RepairOrders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PauseRequestId",
                table: "Renovations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PausedAt",
                table: "Renovations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PauseRequestId",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PausedAt",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PauseRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseNumber = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RequestedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DecidedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PauseRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PauseRequests_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SlaLadderRules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Milestone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    WarningPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    NoticeTo = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SupervisorAfterMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    SupervisorRecipients = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SupervisorChannel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ManagerAfterMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    ManagerRecipients = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ManagerChannel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaLadderRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlaLadderRules_SlaPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "SlaPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PauseRequests_PropertyId_State_RequestedAt",
                table: "PauseRequests",
                columns: new[] { "PropertyId", "State", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PauseRequests_SubjectId",
                table: "PauseRequests",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaLadderRules_PolicyId_Milestone_Urgency",
                table: "SlaLadderRules",
                columns: new[] { "PolicyId", "Milestone", "Urgency" },
                unique: true);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PauseRequests");

            migrationBuilder.DropTable(
                name: "SlaLadderRules");

            migrationBuilder.DropColumn(
                name: "LaddersChangedAt",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "PauseApprovalMinutes",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "ManagerChannel",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "ManagerRecipients",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "NoticeTo",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "PausedSeconds",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "SupervisorChannel",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "SupervisorRecipients",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "PauseRequestId",
                table: "RepairOrders");

            migrationBuilder.DropColumn(
                name: "PauseRequestId",
                table: "Renovations");

            migrationBuilder.DropColumn(
                name: "PausedAt",
                table: "Renovations");

            migrationBuilder.DropColumn(
                name: "PauseRequestId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "PausedAt",
                table: "Complaints");

            migrationBuilder.AlterColumn<int>(
                name: "SupervisorAfterMinutes",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "ManagerAfterMinutes",
                table: "SlaClocks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
