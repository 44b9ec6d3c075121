using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Incidents.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TriageNextDeadline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NextDeadline",
                table: "Incidents",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_TriageQueue",
                table: "Incidents",
                columns: new[] { "Status", "NextDeadline", "Classification", "Kind", "AwareAt", "Severity", "ReportedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Incidents_TriageQueue",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "NextDeadline",
                table: "Incidents");
        }
    }
}
