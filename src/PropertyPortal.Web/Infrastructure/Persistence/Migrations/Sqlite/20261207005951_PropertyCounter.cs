using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankName",
                table: "Properties",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CounterHours",
                table: "Properties",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PayeeName",
                table: "Properties",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiptPaper",
                table: "Properties",
                type: "TEXT",
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
