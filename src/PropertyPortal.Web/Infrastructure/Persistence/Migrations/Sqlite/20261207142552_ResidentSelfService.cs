using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ResidentSelfService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "SignedOutAt",
                table: "ResidentAccounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InvitationTries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InvitationTries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InvitationTries_Ip_At",
                table: "InvitationTries",
                columns: new[] { "Ip", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InvitationTries");

            SqliteInPlace.DropColumn(migrationBuilder, "ResidentAccounts", "SignedOutAt");
        }
    }
}
