using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListIndexesForTheHomeTiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_Milestone_State_DueAt",
                table: "SlaClocks",
                columns: new[] { "Milestone", "State", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Source_ReceivedAt",
                table: "Contacts",
                columns: new[] { "Source", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Channel_Status",
                table: "Complaints",
                columns: new[] { "Channel", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_Milestone_State_DueAt",
                table: "SlaClocks");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Source_ReceivedAt",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Channel_Status",
                table: "Complaints");
        }
    }
}
