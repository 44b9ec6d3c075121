using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Incidents.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Triage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReminderStage",
                table: "Notifications",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeEmail",
                table: "Incidents",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeName",
                table: "Incidents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeUserId",
                table: "Incidents",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Classification",
                table: "Incidents",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClosedAt",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosureNote",
                table: "Incidents",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DecidedAt",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "Incidents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Decision",
                table: "Incidents",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DecisionHighRisk",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DecisionPersonalData",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionRationale",
                table: "Incidents",
                type: "TEXT",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DecisionRiskLikely",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LessonsLearned",
                table: "Incidents",
                type: "TEXT",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Severity",
                table: "Incidents",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SeverityAvailability",
                table: "Incidents",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SeverityChildrensData",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SeverityConfidentiality",
                table: "Incidents",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SeverityContext",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SeverityEaseOfIdentification",
                table: "Incidents",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SeverityIntegrity",
                table: "Incidents",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SeverityMaliciousIntent",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SeverityScore",
                table: "Incidents",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "TriagedAt",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true),
                    PreviousHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "AuditHead",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    LastHash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHead", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataSubjectNotices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NotifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    PeopleNotified = table.Column<int>(type: "INTEGER", nullable: true),
                    Exception = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataSubjectNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DataSubjectNotices_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IcoFilings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseReference = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Nature = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    DataSubjectCategories = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ApproximateDataSubjects = table.Column<int>(type: "INTEGER", nullable: false),
                    ApproximateRecords = table.Column<int>(type: "INTEGER", nullable: true),
                    DpoContact = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LikelyConsequences = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Measures = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    LateReason = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IcoFilings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IcoFilings_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IcoReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IcoReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IcoReminders_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncidentActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AssignedTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CompletionNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentActions_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "AuditHead",
                columns: new[] { "Id", "LastHash", "LastSequence" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Status",
                table: "Incidents",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_IncidentId",
                table: "AuditEntries",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_DataSubjectNotices_IncidentId",
                table: "DataSubjectNotices",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_IcoFilings_IncidentId",
                table: "IcoFilings",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_IcoReminders_IncidentId",
                table: "IcoReminders",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_IcoReminders_Status_DueAt",
                table: "IcoReminders",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentActions_IncidentId",
                table: "IncidentActions",
                column: "IncidentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "AuditHead");

            migrationBuilder.DropTable(
                name: "DataSubjectNotices");

            migrationBuilder.DropTable(
                name: "IcoFilings");

            migrationBuilder.DropTable(
                name: "IcoReminders");

            migrationBuilder.DropTable(
                name: "IncidentActions");

            migrationBuilder.DropIndex(
                name: "IX_Incidents_Status",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ReminderStage",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "AssigneeEmail",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "AssigneeName",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "AssigneeUserId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Classification",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ClosureNote",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Decision",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "DecisionHighRisk",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "DecisionPersonalData",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "DecisionRationale",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "DecisionRiskLikely",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "LessonsLearned",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Severity",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SeverityAvailability",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SeverityChildrensData",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SeverityConfidentiality",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SeverityContext",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SeverityEaseOfIdentification",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SeverityIntegrity",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SeverityMaliciousIntent",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SeverityScore",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "TriagedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Incidents");
        }
    }
}
