using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Incidents.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SuspensionRenewedBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RenewedByName",
                table: "Suspensions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RenewedByOrganisationId",
                table: "Suspensions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenewedByUserId",
                table: "Suspensions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RenewedByName",
                table: "Suspensions");

            migrationBuilder.DropColumn(
                name: "RenewedByOrganisationId",
                table: "Suspensions");

            migrationBuilder.DropColumn(
                name: "RenewedByUserId",
                table: "Suspensions");
        }
    }
}
