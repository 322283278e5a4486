using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Renovations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Renovations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ApplicantPhone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    ByAgent = table.Column<bool>(type: "INTEGER", nullable: false),
                    ContractorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContractorLicence = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ContractorPhone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Structural = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorityApprovalAttached = table.Column<bool>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Workers = table.Column<int>(type: "INTEGER", nullable: false),
                    WorkingHours = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AgreementSigned = table.Column<bool>(type: "INTEGER", nullable: false),
                    DepositChargeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DebrisChargeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PermitNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    PermitIssuedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    InspectionBookedFor = table.Column<DateTime>(type: "TEXT", nullable: true),
                    InspectionArrivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcceptedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RefundProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Renovations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Renovations_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Renovations_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Renovations_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RenovationEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RenovationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RenovationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RenovationEvents_Renovations_RenovationId",
                        column: x => x.RenovationId,
                        principalTable: "Renovations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RenovationPasses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RenovationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PassNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    WorkerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IdLast4 = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReturnedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RenovationPasses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RenovationPasses_Renovations_RenovationId",
                        column: x => x.RenovationId,
                        principalTable: "Renovations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RenovationPatrols",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RenovationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Violation = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RectifyBy = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RectifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RenovationPatrols", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RenovationPatrols_Renovations_RenovationId",
                        column: x => x.RenovationId,
                        principalTable: "Renovations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RenovationPermits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RenovationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RenovationPermits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RenovationPermits_Renovations_RenovationId",
                        column: x => x.RenovationId,
                        principalTable: "Renovations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RenovationEvents_RenovationId",
                table: "RenovationEvents",
                column: "RenovationId");

            migrationBuilder.CreateIndex(
                name: "IX_RenovationPasses_RenovationId",
                table: "RenovationPasses",
                column: "RenovationId");

            migrationBuilder.CreateIndex(
                name: "IX_RenovationPatrols_RenovationId_At",
                table: "RenovationPatrols",
                columns: new[] { "RenovationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_RenovationPermits_RenovationId",
                table: "RenovationPermits",
                column: "RenovationId");

            migrationBuilder.CreateIndex(
                name: "IX_Renovations_CustomerId",
                table: "Renovations",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_Renovations_PropertyId_Number",
                table: "Renovations",
                columns: new[] { "PropertyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Renovations_PropertyId_Status",
                table: "Renovations",
                columns: new[] { "PropertyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Renovations_UnitId",
                table: "Renovations",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RenovationEvents");

            migrationBuilder.DropTable(
                name: "RenovationPasses");

            migrationBuilder.DropTable(
                name: "RenovationPatrols");

            migrationBuilder.DropTable(
                name: "RenovationPermits");

            migrationBuilder.DropTable(
                name: "Renovations");
        }
    }
}
