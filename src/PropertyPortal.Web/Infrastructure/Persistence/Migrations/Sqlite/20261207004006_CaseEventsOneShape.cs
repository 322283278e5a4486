using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseEventsOneShape : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "ByName",
                table: "RenovationEvents",
                newName: "ActorName");

            migrationBuilder.RenameColumn(
                name: "ById",
                table: "RenovationEvents",
                newName: "ActorId");

            migrationBuilder.RenameColumn(
                name: "ByName",
                table: "MoveInEvents",
                newName: "ActorName");

            migrationBuilder.RenameColumn(
                name: "ById",
                table: "MoveInEvents",
                newName: "ActorId");

            migrationBuilder.AddColumn<Guid>(
                name: "PropertyId",
                table: "RepairOrderEvents",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "PropertyId",
                table: "ComplaintEvents",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Every timeline row carries its case's property (ADR 0016): the rows already there take their case's.
            migrationBuilder.Sql("""
                UPDATE "RepairOrderEvents" SET "PropertyId" = (SELECT o."PropertyId" FROM "RepairOrders" o WHERE o."Id" = "RepairOrderEvents"."RepairOrderId");
                """);
            migrationBuilder.Sql("""
                UPDATE "ComplaintEvents" SET "PropertyId" = (SELECT c."PropertyId" FROM "Complaints" c WHERE c."Id" = "ComplaintEvents"."ComplaintId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PropertyId",
                table: "RepairOrderEvents");

            migrationBuilder.DropColumn(
                name: "PropertyId",
                table: "ComplaintEvents");

            migrationBuilder.RenameColumn(
                name: "ActorName",
                table: "RenovationEvents",
                newName: "ByName");

            migrationBuilder.RenameColumn(
                name: "ActorId",
                table: "RenovationEvents",
                newName: "ById");

            migrationBuilder.RenameColumn(
                name: "ActorName",
                table: "MoveInEvents",
                newName: "ByName");

            migrationBuilder.RenameColumn(
                name: "ActorId",
                table: "MoveInEvents",
                newName: "ById");
        }
    }
}
