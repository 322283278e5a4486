using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MoveInSteward : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StewardId",
                table: "MoveIns",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StewardName",
                table: "MoveIns",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StewardId",
                table: "MoveIns");

            migrationBuilder.DropColumn(
                name: "StewardName",
                table: "MoveIns");
        }
    }
}
