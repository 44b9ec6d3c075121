using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Incidents.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DatesWithoutTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HappenedFromTimeUnknown",
                table: "Incidents",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "HappenedToTimeUnknown",
                table: "Incidents",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "AcknowledgedTimeUnknown",
                table: "Complaints",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ReceivedTimeUnknown",
                table: "Complaints",
                type: "bit",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HappenedFromTimeUnknown",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "HappenedToTimeUnknown",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "AcknowledgedTimeUnknown",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ReceivedTimeUnknown",
                table: "Complaints");
        }
    }
}
