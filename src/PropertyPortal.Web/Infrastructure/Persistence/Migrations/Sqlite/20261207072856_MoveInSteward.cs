using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StewardName",
                table: "MoveIns",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            SqliteInPlace.DropColumn(migrationBuilder, "MoveIns", "StewardId");

            SqliteInPlace.DropColumn(migrationBuilder, "MoveIns", "StewardName");
        }
    }
}
