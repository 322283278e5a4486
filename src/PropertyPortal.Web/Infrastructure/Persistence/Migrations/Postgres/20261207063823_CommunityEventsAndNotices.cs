using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PropertyPortal.Web.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommunityEventsAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AnnualPlanApprovalDay",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AnnualPlanDraftDay",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AnnualPlanOpensDaysBefore",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "EventPlanApprovedDays",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "EventPlanFilledDays",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "EventPlanSubmittedDays",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LargeEventAttendance",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "NoticeLateRefused",
                table: "SlaPolicies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "NoticeNoEndMonths",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "NoticeOutageLeadHours",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "NoticePestControlLeadDays",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PublicWelfareAlertMonths",
                table: "SlaPolicies",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AnnualEventPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CurrentVersion = table.Column<int>(type: "integer", nullable: false),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReturnComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualEventPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnualEventPlans_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PublicNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Audience = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    BuildingIds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    WorkStartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PublishUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AuthorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AuthorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApproverName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PublishedLate = table.Column<bool>(type: "boolean", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    WithdrawnByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AutoWithdrawn = table.Column<bool>(type: "boolean", nullable: false),
                    ArchivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicNotices_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PublicWelfareHalves",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Half = table.Column<int>(type: "integer", nullable: false),
                    MetByEventId = table.Column<Guid>(type: "uuid", nullable: true),
                    MetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicWelfareHalves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicWelfareHalves_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AnnualPlanEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualPlanEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnualPlanEntries_AnnualEventPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "AnnualEventPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnnualPlanRows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: true),
                    Theme = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Form = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Content = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Budget = table.Column<long>(type: "bigint", precision: 14, scale: 2, nullable: false),
                    PublicWelfare = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualPlanRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnualPlanRows_AnnualEventPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "AnnualEventPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AnnualPlanVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    RowsJson = table.Column<string>(type: "text", nullable: false),
                    RowCount = table.Column<int>(type: "integer", nullable: false),
                    TotalBudget = table.Column<long>(type: "bigint", precision: 14, scale: 2, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubmittedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Decision = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    StandIn = table.Column<bool>(type: "boolean", nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnnualPlanVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnnualPlanVersions_AnnualEventPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "AnnualEventPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoticeDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    NoticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Via = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoticeDeliveries_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NoticeDeliveries_PublicNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "PublicNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublicNoticeEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoticeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicNoticeEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublicNoticeEntries_PublicNotices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "PublicNotices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommunityEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    PlanRowId = table.Column<Guid>(type: "uuid", nullable: true),
                    AdHoc = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OrganiserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OrganiserName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Theme = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Form = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Content = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Schedule = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DepartmentDuties = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PartnerProposals = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EmergencyPlan = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EvaluationMethod = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DayRoles = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PublicWelfare = table.Column<bool>(type: "boolean", nullable: false),
                    ExpectedAttendance = table.Column<int>(type: "integer", nullable: false),
                    Large = table.Column<bool>(type: "boolean", nullable: false),
                    PoliceReportedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PoliceReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReturnComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SubmittedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ApprovedByStandIn = table.Column<bool>(type: "boolean", nullable: false),
                    ActualAttendance = table.Column<int>(type: "integer", nullable: true),
                    RecordSummary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Media = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RecordedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    GoalsMet = table.Column<bool>(type: "boolean", nullable: true),
                    EvaluationScore = table.Column<int>(type: "integer", nullable: true),
                    EvaluationSummary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    EvaluatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EvaluatedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EvaluationApprovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EvaluationApprovedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EvaluationApprovedByStandIn = table.Column<bool>(type: "boolean", nullable: false),
                    CancelReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommunityEvents_AnnualEventPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "AnnualEventPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommunityEvents_AnnualPlanRows_PlanRowId",
                        column: x => x.PlanRowId,
                        principalTable: "AnnualPlanRows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommunityEvents_Properties_PropertyId",
                        column: x => x.PropertyId,
                        principalTable: "Properties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CommunityEventEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityEventEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommunityEventEntries_CommunityEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "CommunityEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventBudgetLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Item = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Planned = table.Column<long>(type: "bigint", precision: 14, scale: 2, nullable: false),
                    Actual = table.Column<long>(type: "bigint", precision: 14, scale: 2, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventBudgetLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventBudgetLines_CommunityEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "CommunityEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Item = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Done = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DoneAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DoneByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventChecks_CommunityEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "CommunityEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PropertyId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Via = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    InvitedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    InvitedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Reply = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    People = table.Column<int>(type: "integer", nullable: true),
                    RepliedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RepliedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AttendedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventInvitations_CommunityEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "CommunityEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventInvitations_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EventInvitations_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnnualEventPlans_PropertyId_Number",
                table: "AnnualEventPlans",
                columns: new[] { "PropertyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnualEventPlans_PropertyId_Year",
                table: "AnnualEventPlans",
                columns: new[] { "PropertyId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnnualPlanEntries_PlanId",
                table: "AnnualPlanEntries",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_AnnualPlanRows_PlanId",
                table: "AnnualPlanRows",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_AnnualPlanVersions_PlanId_Number",
                table: "AnnualPlanVersions",
                columns: new[] { "PlanId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommunityEventEntries_EventId",
                table: "CommunityEventEntries",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityEvents_PlanId",
                table: "CommunityEvents",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityEvents_PlanRowId",
                table: "CommunityEvents",
                column: "PlanRowId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityEvents_PropertyId_Number",
                table: "CommunityEvents",
                columns: new[] { "PropertyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommunityEvents_PropertyId_StartsAt",
                table: "CommunityEvents",
                columns: new[] { "PropertyId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EventBudgetLines_EventId",
                table: "EventBudgetLines",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_EventChecks_EventId_Item",
                table: "EventChecks",
                columns: new[] { "EventId", "Item" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventInvitations_CustomerId",
                table: "EventInvitations",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_EventInvitations_EventId_CustomerId",
                table: "EventInvitations",
                columns: new[] { "EventId", "CustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EventInvitations_UnitId",
                table: "EventInvitations",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_NoticeDeliveries_CustomerId",
                table: "NoticeDeliveries",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_NoticeDeliveries_NoticeId_CustomerId",
                table: "NoticeDeliveries",
                columns: new[] { "NoticeId", "CustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublicNoticeEntries_NoticeId",
                table: "PublicNoticeEntries",
                column: "NoticeId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicNotices_PropertyId_Number",
                table: "PublicNotices",
                columns: new[] { "PropertyId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PublicNotices_PropertyId_Status_CreatedAt",
                table: "PublicNotices",
                columns: new[] { "PropertyId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicNotices_Status_PublishedAt",
                table: "PublicNotices",
                columns: new[] { "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PublicWelfareHalves_PropertyId_Year_Half",
                table: "PublicWelfareHalves",
                columns: new[] { "PropertyId", "Year", "Half" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnnualPlanEntries");

            migrationBuilder.DropTable(
                name: "AnnualPlanVersions");

            migrationBuilder.DropTable(
                name: "CommunityEventEntries");

            migrationBuilder.DropTable(
                name: "EventBudgetLines");

            migrationBuilder.DropTable(
                name: "EventChecks");

            migrationBuilder.DropTable(
                name: "EventInvitations");

            migrationBuilder.DropTable(
                name: "NoticeDeliveries");

            migrationBuilder.DropTable(
                name: "PublicNoticeEntries");

            migrationBuilder.DropTable(
                name: "PublicWelfareHalves");

            migrationBuilder.DropTable(
                name: "CommunityEvents");

            migrationBuilder.DropTable(
                name: "PublicNotices");

            migrationBuilder.DropTable(
                name: "AnnualPlanRows");

            migrationBuilder.DropTable(
                name: "AnnualEventPlans");

            migrationBuilder.DropColumn(
                name: "AnnualPlanApprovalDay",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "AnnualPlanDraftDay",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "AnnualPlanOpensDaysBefore",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "EventPlanApprovedDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "EventPlanFilledDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "EventPlanSubmittedDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "LargeEventAttendance",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "NoticeLateRefused",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "NoticeNoEndMonths",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "NoticeOutageLeadHours",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "NoticePestControlLeadDays",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "PublicWelfareAlertMonths",
                table: "SlaPolicies");
        }
    }
}
