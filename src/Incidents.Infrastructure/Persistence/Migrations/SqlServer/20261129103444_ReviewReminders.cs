using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Incidents.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReviewReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AgreementId",
                table: "Notifications",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AgreementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ReviewDate = table.Column<DateOnly>(type: "date", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewReminders_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_AgreementId",
                table: "Notifications",
                column: "AgreementId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewReminders_AgreementId_ReviewDate",
                table: "ReviewReminders",
                columns: new[] { "AgreementId", "ReviewDate" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_Agreements_AgreementId",
                table: "Notifications",
                column: "AgreementId",
                principalTable: "Agreements",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_Agreements_AgreementId",
                table: "Notifications");

            migrationBuilder.DropTable(
                name: "ReviewReminders");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_AgreementId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "AgreementId",
                table: "Notifications");
        }
    }
}
