using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RenovationLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A policy saved before these settings existed gets the seeds' limits (002 L92, L95, L96, L47–L49; 004 L62, §五.八③), not zero.
            migrationBuilder.AddColumn<int>(
                name: "RenovationCentralSystemsWorkingDays",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "RenovationInspectionMinutes",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<int>(
                name: "RenovationPartitionWorkingDays",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "RenovationPatrolAfternoonBy",
                table: "SlaPolicies",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "RenovationPatrolMorningBy",
                table: "SlaPolicies",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(12, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "RenovationRefundPaymentWorkingDays",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "RenovationRefundProcessingWorkingDays",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "RenovationReviewStepWorkingDays",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "RenovationViolationNoticeHours",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 24);

            migrationBuilder.AddColumn<int>(
                name: "RenovationWholeFloorWorkingDays",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<Guid>(
                name: "NoticeClockId",
                table: "RenovationPatrols",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NoticeIssuedAt",
                table: "RenovationPatrols",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeIssuedBy",
                table: "RenovationPatrols",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SlaClocks_RenovationPatrolWindow",
                table: "SlaClocks",
                columns: new[] { "SubjectId", "Milestone", "StartedAt" },
                unique: true,
                filter: "\"Milestone\" = 'RenovationPatrol'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaClocks_RenovationPatrolWindow",
                table: "SlaClocks");

            migrationBuilder.DropColumn(
                name: "RenovationCentralSystemsWorkingDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "RenovationInspectionMinutes",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "RenovationPartitionWorkingDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "RenovationPatrolAfternoonBy",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "RenovationPatrolMorningBy",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "RenovationRefundPaymentWorkingDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "RenovationRefundProcessingWorkingDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "RenovationReviewStepWorkingDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "RenovationViolationNoticeHours",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "RenovationWholeFloorWorkingDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "NoticeClockId",
                table: "RenovationPatrols");

            migrationBuilder.DropColumn(
                name: "NoticeIssuedAt",
                table: "RenovationPatrols");

            migrationBuilder.DropColumn(
                name: "NoticeIssuedBy",
                table: "RenovationPatrols");
        }
    }
}
