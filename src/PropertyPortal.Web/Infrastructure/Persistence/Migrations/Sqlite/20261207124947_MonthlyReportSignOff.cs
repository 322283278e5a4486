using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MonthlyReportSignOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MonthlyReportSignOffs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PropertyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Commentary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SignedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SignedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CountersignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CountersignedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CountersignedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonthlyReportSignOffs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MonthlyReportSignOffs_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MonthlyReportSignOffs_PropertyId_Year_Month",
                table: "MonthlyReportSignOffs",
                columns: new[] { "PropertyId", "Year", "Month" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MonthlyReportSignOffs");
        }
    }
}
