using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Complaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Properties whose policy was already saved get the spec's complaint targets, not zero.
            migrationBuilder.AddColumn<int>(
                name: "ComplaintCallbackDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "ComplaintReplyMinutes",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<int>(
                name: "ComplaintWrittenReplyHours",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ComplaintWrittenReplyWorkingDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "ImportantEscalationMinutes",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<int>(
                name: "ImportantResolutionDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "MajorDefiniteReplyDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "MajorResolutionDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<int>(
                name: "MinorResolutionDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "PlanApprovalWorkingDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "RepeatWindowDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<Guid>(
                name: "ComplaintId",
                table: "RepairOrders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ComplaintId",
                table: "Contacts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ComplaintCategories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ComplainantName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Location = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CategoryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgainstPerson = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    AgainstDepartment = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Content = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Demand = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RequestedDeadline = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WrittenReplyRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                    Tier = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    IsValid = table.Column<bool>(type: "INTEGER", nullable: false),
                    InvalidReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OngoingHarm = table.Column<bool>(type: "INTEGER", nullable: false),
                    HarmStoppedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    IsRepeat = table.Column<bool>(type: "INTEGER", nullable: false),
                    RepeatOfId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ResponsibleDepartment = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    HandlerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    HandlerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Responsibility = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Plan = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PlanDecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PlanApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PlanComments = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CustomerAgreedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EscalationAcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EscalationAcknowledgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FirstRepliedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WrittenRepliedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResultNotifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResultChannel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReopenCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Complaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Complaints_ComplaintCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "ComplaintCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Complaints_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Complaints_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Complaints_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Complaints_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ComplaintEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ComplaintId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplaintEvents_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // SQLite adds a column that references a new table in place; AddColumn + AddForeignKey would rebuild
            // Callbacks with PRAGMA foreign_keys outside the migration's transaction (a start-up warning, and a
            // migration that could stop half-applied). Same schema, one statement, inside the transaction.
            migrationBuilder.Sql("ALTER TABLE \"Callbacks\" ADD COLUMN \"ComplaintId\" TEXT NULL CONSTRAINT \"FK_Callbacks_Complaints_ComplaintId\" REFERENCES \"Complaints\" (\"Id\") ON DELETE RESTRICT;");

            migrationBuilder.CreateIndex(
                name: "IX_Callbacks_ComplaintId",
                table: "Callbacks",
                column: "ComplaintId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintCategories_Name",
                table: "ComplaintCategories",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintEvents_ComplaintId_At",
                table: "ComplaintEvents",
                columns: new[] { "ComplaintId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CategoryId",
                table: "Complaints",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ContactId",
                table: "Complaints",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_CustomerId_CategoryId_ReceivedAt",
                table: "Complaints",
                columns: new[] { "CustomerId", "CategoryId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_PropertyId_Number",
                table: "Complaints",
                columns: new[] { "PropertyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_PropertyId_ReceivedAt",
                table: "Complaints",
                columns: new[] { "PropertyId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_PropertyId_Status_ReceivedAt",
                table: "Complaints",
                columns: new[] { "PropertyId", "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ReceivedAt",
                table: "Complaints",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_UnitId",
                table: "Complaints",
                column: "UnitId");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Callbacks_Complaints_ComplaintId",
                table: "Callbacks");

            migrationBuilder.DropTable(
                name: "ComplaintEvents");

            migrationBuilder.DropTable(
                name: "Complaints");

            migrationBuilder.DropTable(
                name: "ComplaintCategories");

            migrationBuilder.DropIndex(
                name: "IX_Callbacks_ComplaintId",
                table: "Callbacks");

            migrationBuilder.DropColumn(
                name: "ComplaintCallbackDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "ComplaintReplyMinutes",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "ComplaintWrittenReplyHours",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "ComplaintWrittenReplyWorkingDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "ImportantEscalationMinutes",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "ImportantResolutionDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "MajorDefiniteReplyDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "MajorResolutionDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "MinorResolutionDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "PlanApprovalWorkingDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "RepeatWindowDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "ComplaintId",
                table: "RepairOrders");

            migrationBuilder.DropColumn(
                name: "ComplaintId",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "ComplaintId",
                table: "Callbacks");
        }
    }
}
