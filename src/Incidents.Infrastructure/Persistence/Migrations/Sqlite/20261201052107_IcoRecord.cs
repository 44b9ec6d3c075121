using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Incidents.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IcoRecord : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ApproximateRecords",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Happened",
                table: "Incidents",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HappenedFrom",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "HappenedTo",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HowDiscovered",
                table: "Incidents",
                type: "TEXT",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IcoAdvice",
                table: "Incidents",
                type: "TEXT",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "IcoAdviceOn",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IcoOutcome",
                table: "Incidents",
                type: "TEXT",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "IcoOutcomeOn",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LikelyConsequences",
                table: "Incidents",
                type: "TEXT",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MeasuresBefore",
                table: "Incidents",
                type: "TEXT",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "NoOtherOrganisationsTold",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OrganisationsTold",
                table: "Incidents",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PeopleCategories",
                table: "Incidents",
                type: "TEXT",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PeopleCategoriesOther",
                table: "Incidents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PeopleNotToldException",
                table: "Incidents",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PeopleNotToldReason",
                table: "Incidents",
                type: "TEXT",
                maxLength: 10000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PeopleTold",
                table: "Incidents",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PeopleToldOn",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StaffRole",
                table: "Incidents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "StaffTrainedOn",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StaffTraining",
                table: "Incidents",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IncidentUpdates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IncidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    About = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    WrittenByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    WrittenBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WrittenByOrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentUpdates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentUpdates_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentUpdates_IncidentId_WrittenAt",
                table: "IncidentUpdates",
                columns: new[] { "IncidentId", "WrittenAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentUpdates");

            migrationBuilder.DropColumn(
                name: "ApproximateRecords",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Happened",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "HappenedFrom",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "HappenedTo",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "HowDiscovered",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "IcoAdvice",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "IcoAdviceOn",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "IcoOutcome",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "IcoOutcomeOn",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "LikelyConsequences",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "MeasuresBefore",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "NoOtherOrganisationsTold",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "OrganisationsTold",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "PeopleCategories",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "PeopleCategoriesOther",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "PeopleNotToldException",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "PeopleNotToldReason",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "PeopleTold",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "PeopleToldOn",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "StaffRole",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "StaffTrainedOn",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "StaffTraining",
                table: "Incidents");
        }
    }
}
