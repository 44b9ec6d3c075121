using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Incidents.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Discrepancies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "DiscrepancyId",
                table: "Notifications",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Discrepancies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    AgreementId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SchoolOrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SilOrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RaisedByOrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProviderOrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DataItem = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Details = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    RaisedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RaisedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DueAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    SchoolConfirmedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    SchoolConfirmedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    SilConfirmedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    SilConfirmedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Discrepancies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Discrepancies_Agreements_AgreementId",
                        column: x => x.AgreementId,
                        principalTable: "Agreements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Discrepancies_Organisations_ProviderOrganisationId",
                        column: x => x.ProviderOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Discrepancies_Organisations_RaisedByOrganisationId",
                        column: x => x.RaisedByOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Discrepancies_Organisations_SchoolOrganisationId",
                        column: x => x.SchoolOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Discrepancies_Organisations_SilOrganisationId",
                        column: x => x.SilOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DiscrepancyCounters",
                columns: table => new
                {
                    Year = table.Column<int>(type: "int", nullable: false),
                    LastNumber = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscrepancyCounters", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "DiscrepancyRows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DiscrepancyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    Upn = table.Column<string>(type: "nchar(13)", fixedLength: true, maxLength: 13, nullable: false),
                    RaiserHolds = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ProviderHolds = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Correction = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CorrectedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CorrectedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DiscrepancyRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DiscrepancyRows_Discrepancies_DiscrepancyId",
                        column: x => x.DiscrepancyId,
                        principalTable: "Discrepancies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DiscrepancyId",
                table: "Notifications",
                column: "DiscrepancyId");

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_AgreementId_Status",
                table: "Discrepancies",
                columns: new[] { "AgreementId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_ProviderOrganisationId",
                table: "Discrepancies",
                column: "ProviderOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_RaisedByOrganisationId",
                table: "Discrepancies",
                column: "RaisedByOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_Reference",
                table: "Discrepancies",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_SchoolOrganisationId_Status",
                table: "Discrepancies",
                columns: new[] { "SchoolOrganisationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_SilOrganisationId",
                table: "Discrepancies",
                column: "SilOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Discrepancies_Status_DueAt",
                table: "Discrepancies",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DiscrepancyRows_DiscrepancyId_Upn",
                table: "DiscrepancyRows",
                columns: new[] { "DiscrepancyId", "Upn" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_Discrepancies_DiscrepancyId",
                table: "Notifications",
                column: "DiscrepancyId",
                principalTable: "Discrepancies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_Discrepancies_DiscrepancyId",
                table: "Notifications");

            migrationBuilder.DropTable(
                name: "DiscrepancyCounters");

            migrationBuilder.DropTable(
                name: "DiscrepancyRows");

            migrationBuilder.DropTable(
                name: "Discrepancies");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_DiscrepancyId",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "DiscrepancyId",
                table: "Notifications");
        }
    }
}
