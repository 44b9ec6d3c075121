using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Incidents.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class NoticeTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ContactId",
                table: "Notifications",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "Notifications",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecipientOrganisation",
                table: "Notifications",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResendOfNotificationId",
                table: "Notifications",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TemplateVersion",
                table: "Notifications",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Active",
                table: "Contacts",
                type: "bit",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResolvedAt",
                table: "Alerts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResolvedBy",
                table: "Alerts",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NoticeTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Body = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: true),
                    EditedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    EditedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeTemplates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ResendOfNotificationId",
                table: "Notifications",
                column: "ResendOfNotificationId",
                unique: true,
                filter: "[ResendOfNotificationId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_NoticeTemplates_Type_Version",
                table: "NoticeTemplates",
                columns: new[] { "Type", "Version" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_Notifications_ResendOfNotificationId",
                table: "Notifications",
                column: "ResendOfNotificationId",
                principalTable: "Notifications",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_Notifications_ResendOfNotificationId",
                table: "Notifications");

            migrationBuilder.DropTable(
                name: "NoticeTemplates");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_ResendOfNotificationId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "ContactId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "RecipientOrganisation",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "ResendOfNotificationId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "TemplateVersion",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "Active",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "ResolvedAt",
                table: "Alerts");

            migrationBuilder.DropColumn(
                name: "ResolvedBy",
                table: "Alerts");
        }
    }
}
