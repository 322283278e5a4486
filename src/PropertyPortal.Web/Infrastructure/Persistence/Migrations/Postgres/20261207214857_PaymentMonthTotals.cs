using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PaymentMonthTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PaymentMonthTotals",
                columns: table => new
                {
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PaidMonth = table.Column<int>(type: "integer", nullable: false),
                    Period = table.Column<int>(type: "integer", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    BilledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Fen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentMonthTotals", x => new { x.PropertyId, x.PaidMonth, x.Period, x.DueDate, x.BilledAt });
                    table.ForeignKey(
                        name: "FK_PaymentMonthTotals_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // Backfilled from the ledger with the SQL PaymentMonthTotals.RebuildAsync runs, so the tests of the rebuild test this.
            migrationBuilder.Sql(global::PropertyPortal.Web.Features.Fees.PaymentMonthTotals.PostgresSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaymentMonthTotals");
        }
    }
}
