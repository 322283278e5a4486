using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_State_DueAt_PropertyId",
                table: "SlaClocks",
                columns: new[] { "State", "DueAt", "PropertyId" });

            migrationBuilder.CreateIndex(
                name: "IX_RepairOrders_ChaseCount",
                table: "RepairOrders",
                column: "ChaseCount");

            migrationBuilder.CreateIndex(
                name: "IX_RepairOrders_ReceivedAt",
                table: "RepairOrders",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Callbacks_NeedsSupervisor_Status",
                table: "Callbacks",
                columns: new[] { "NeedsSupervisor", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_State_DueAt_PropertyId",
                table: "SlaClocks");

            migrationBuilder.DropIndex(
                name: "IX_RepairOrders_ChaseCount",
                table: "RepairOrders");

            migrationBuilder.DropIndex(
                name: "IX_RepairOrders_ReceivedAt",
                table: "RepairOrders");

            migrationBuilder.DropIndex(
                name: "IX_Callbacks_NeedsSupervisor_Status",
                table: "Callbacks");
        }
    }
}
