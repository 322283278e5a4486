using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    /// <summary>Counter visits, the calendar reminder, and the policy's counter, complaint same-day and daily-log limits (saved policies get the spec's defaults: 10 minutes, same day, next service day).</summary>
    public partial class CounterAndSupervisionLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CounterServiceMinutes",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<int>(
                name: "DailyLogSignOffServiceDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "MajorEscalationServiceDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ResultNoticeServiceDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CalendarReminderSettings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    StartDay = table.Column<int>(type: "INTEGER", nullable: false),
                    LoadWithinDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarReminderSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CounterVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    VisitorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ArrivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandlerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    HandlerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PaymentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReprintedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AbandonReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterVisits_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CounterVisits_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CounterVisits_Payments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "Payments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CounterVisits_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CounterVisits_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CounterVisitEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterVisitEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterVisitEvents_CounterVisits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "CounterVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CounterVisitEvents_VisitId_At",
                table: "CounterVisitEvents",
                columns: new[] { "VisitId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CounterVisits_ContactId",
                table: "CounterVisits",
                column: "ContactId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterVisits_CustomerId_ArrivedAt",
                table: "CounterVisits",
                columns: new[] { "CustomerId", "ArrivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CounterVisits_PaymentId",
                table: "CounterVisits",
                column: "PaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_CounterVisits_PropertyId_Number",
                table: "CounterVisits",
                columns: new[] { "PropertyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CounterVisits_UnitId_Status",
                table: "CounterVisits",
                columns: new[] { "UnitId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarReminderSettings");

            migrationBuilder.DropTable(
                name: "CounterVisitEvents");

            migrationBuilder.DropTable(
                name: "CounterVisits");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "CounterServiceMinutes");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "DailyLogSignOffServiceDays");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "MajorEscalationServiceDays");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "ResultNoticeServiceDays");
        }
    }
}
