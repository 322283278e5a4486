using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Charges_Billed",
                table: "Charges",
                columns: new[] { "PropertyId", "Period", "Kind", "ReversedAt", "Amount" });

            migrationBuilder.CreateIndex(
                name: "IX_Charges_Open",
                table: "Charges",
                columns: new[] { "PropertyId", "DueDate", "CreatedAt" },
                filter: "\"Paid\" < \"Amount\"");

            migrationBuilder.CreateIndex(
                name: "IX_Charges_PropertyId_Kind",
                table: "Charges",
                columns: new[] { "PropertyId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Charges_Billed",
                table: "Charges");

            migrationBuilder.DropIndex(
                name: "IX_Charges_Open",
                table: "Charges");

            migrationBuilder.DropIndex(
                name: "IX_Charges_PropertyId_Kind",
                table: "Charges");
        }
    }
}
