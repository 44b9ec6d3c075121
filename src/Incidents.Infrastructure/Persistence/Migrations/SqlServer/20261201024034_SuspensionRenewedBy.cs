using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Incidents.Infrastructure.Persistence.Migrations.SqlServer
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
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RenewedByOrganisationId",
                table: "Suspensions",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenewedByUserId",
                table: "Suspensions",
                type: "nvarchar(450)",
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
