using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MoveIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CustodyPatrols",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Problem = table.Column<bool>(type: "INTEGER", nullable: false),
                    Water = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    Electricity = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    MeterAlarm = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustodyPatrols", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustodyPatrols_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MoveInBatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MoveInBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MoveInBatches_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MoveIns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Applicant = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AgentName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BatchId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AppointmentAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BookedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Custody = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Inspection = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    InspectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    InspectorName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    WaterBase = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    ElectricityBase = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    GasBase = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    ReinspectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignedOffAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignedOffBy = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    KeysIssued = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OverrideByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LastChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CallbackId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MoveIns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MoveIns_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MoveIns_MoveInBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "MoveInBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MoveIns_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MoveIns_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MoveInChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MoveInId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Item = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Done = table.Column<bool>(type: "INTEGER", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MoveInChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MoveInChecks_MoveIns_MoveInId",
                        column: x => x.MoveInId,
                        principalTable: "MoveIns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MoveInDefects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MoveInId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RepairOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FixedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MoveInDefects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MoveInDefects_MoveIns_MoveInId",
                        column: x => x.MoveInId,
                        principalTable: "MoveIns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MoveInDefects_RepairOrders_RepairOrderId",
                        column: x => x.RepairOrderId,
                        principalTable: "RepairOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MoveInEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MoveInId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MoveInEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MoveInEvents_MoveIns_MoveInId",
                        column: x => x.MoveInId,
                        principalTable: "MoveIns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // SQLite adds a column that references a new table in place; AddColumn + AddForeignKey would rebuild
            // Callbacks with PRAGMA foreign_keys outside the migration's transaction (a start-up warning, and a
            // migration that could stop half-applied). Same schema, one statement, inside the transaction.
            migrationBuilder.Sql("ALTER TABLE \"Callbacks\" ADD COLUMN \"MoveInId\" TEXT NULL CONSTRAINT \"FK_Callbacks_MoveIns_MoveInId\" REFERENCES \"MoveIns\" (\"Id\") ON DELETE RESTRICT;");

            migrationBuilder.CreateIndex(
                name: "IX_Callbacks_MoveInId",
                table: "Callbacks",
                column: "MoveInId");

            migrationBuilder.CreateIndex(
                name: "IX_CustodyPatrols_UnitId_At",
                table: "CustodyPatrols",
                columns: new[] { "UnitId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_MoveInBatches_PropertyId_Day",
                table: "MoveInBatches",
                columns: new[] { "PropertyId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_MoveInChecks_MoveInId_Item",
                table: "MoveInChecks",
                columns: new[] { "MoveInId", "Item" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MoveInDefects_MoveInId",
                table: "MoveInDefects",
                column: "MoveInId");

            migrationBuilder.CreateIndex(
                name: "IX_MoveInDefects_RepairOrderId",
                table: "MoveInDefects",
                column: "RepairOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_MoveInEvents_MoveInId",
                table: "MoveInEvents",
                column: "MoveInId");

            migrationBuilder.CreateIndex(
                name: "IX_MoveIns_BatchId",
                table: "MoveIns",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_MoveIns_CustomerId",
                table: "MoveIns",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_MoveIns_PropertyId_Number",
                table: "MoveIns",
                columns: new[] { "PropertyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MoveIns_PropertyId_Status_AppointmentAt",
                table: "MoveIns",
                columns: new[] { "PropertyId", "Status", "AppointmentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MoveIns_UnitId",
                table: "MoveIns",
                column: "UnitId");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Callbacks_MoveIns_MoveInId",
                table: "Callbacks");

            migrationBuilder.DropTable(
                name: "CustodyPatrols");

            migrationBuilder.DropTable(
                name: "MoveInChecks");

            migrationBuilder.DropTable(
                name: "MoveInDefects");

            migrationBuilder.DropTable(
                name: "MoveInEvents");

            migrationBuilder.DropTable(
                name: "MoveIns");

            migrationBuilder.DropTable(
                name: "MoveInBatches");

            migrationBuilder.DropIndex(
                name: "IX_Callbacks_MoveInId",
                table: "Callbacks");

            migrationBuilder.DropColumn(
                name: "MoveInId",
                table: "Callbacks");
        }
    }
}
