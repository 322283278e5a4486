using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PropertyCounter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BankAccount",
                table: "Properties",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankName",
                table: "Properties",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CounterHours",
                table: "Properties",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayeeName",
                table: "Properties",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiptPaper",
                table: "Properties",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "ThirdOfA4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BankAccount",
                table: "Properties");

            migrationBuilder.DropColumn(
                name: "BankName",
                table: "Properties");

            migrationBuilder.DropColumn(
                name: "CounterHours",
                table: "Properties");

            migrationBuilder.DropColumn(
                name: "PayeeName",
                table: "Properties");

            migrationBuilder.DropColumn(
                name: "ReceiptPaper",
                table: "Properties");
        }
    }
}
