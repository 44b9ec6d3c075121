using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Incidents.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SuspensionEvidence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "IncidentId",
                table: "Attachments",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "SuspensionId",
                table: "Attachments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_SuspensionId",
                table: "Attachments",
                column: "SuspensionId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Attachments_OneOwner",
                table: "Attachments",
                sql: "(IncidentId IS NOT NULL AND SuspensionId IS NULL) OR (IncidentId IS NULL AND SuspensionId IS NOT NULL)");

            migrationBuilder.AddForeignKey(
                name: "FK_Attachments_Suspensions_SuspensionId",
                table: "Attachments",
                column: "SuspensionId",
                principalTable: "Suspensions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Attachments_Suspensions_SuspensionId",
                table: "Attachments");

            migrationBuilder.DropIndex(
                name: "IX_Attachments_SuspensionId",
                table: "Attachments");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Attachments_OneOwner",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "SuspensionId",
                table: "Attachments");

            migrationBuilder.AlterColumn<Guid>(
                name: "IncidentId",
                table: "Attachments",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
