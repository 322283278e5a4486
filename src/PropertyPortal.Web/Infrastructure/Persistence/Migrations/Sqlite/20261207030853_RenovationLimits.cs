using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "RenovationInspectionMinutes",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 60);

            migrationBuilder.AddColumn<int>(
                name: "RenovationPartitionWorkingDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "RenovationPatrolAfternoonBy",
                table: "SlaPolicies",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "RenovationPatrolMorningBy",
                table: "SlaPolicies",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(12, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "RenovationRefundPaymentWorkingDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<int>(
                name: "RenovationRefundProcessingWorkingDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 2);

            migrationBuilder.AddColumn<int>(
                name: "RenovationReviewStepWorkingDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "RenovationViolationNoticeHours",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 24);

            migrationBuilder.AddColumn<int>(
                name: "RenovationWholeFloorWorkingDays",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<Guid>(
                name: "NoticeClockId",
                table: "RenovationPatrols",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NoticeIssuedAt",
                table: "RenovationPatrols",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeIssuedBy",
                table: "RenovationPatrols",
                type: "TEXT",
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

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "RenovationCentralSystemsWorkingDays");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "RenovationInspectionMinutes");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "RenovationPartitionWorkingDays");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "RenovationPatrolAfternoonBy");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "RenovationPatrolMorningBy");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "RenovationRefundPaymentWorkingDays");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "RenovationRefundProcessingWorkingDays");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "RenovationReviewStepWorkingDays");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "RenovationViolationNoticeHours");

            SqliteInPlace.DropColumn(migrationBuilder, "SlaPolicies", "RenovationWholeFloorWorkingDays");

            SqliteInPlace.DropColumn(migrationBuilder, "RenovationPatrols", "NoticeClockId");

            SqliteInPlace.DropColumn(migrationBuilder, "RenovationPatrols", "NoticeIssuedAt");

            SqliteInPlace.DropColumn(migrationBuilder, "RenovationPatrols", "NoticeIssuedBy");
        }
    }
}
