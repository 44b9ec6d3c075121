using Microsoft.EntityFrameworkCore.Migrations;

namespace Incidents.Infrastructure.Persistence.Migrations;

/// <summary>
/// Moves the rows of the three old timer tables (IcoReminders, SuspensionTimers, ReviewReminders) into the one
/// <c>Timers</c> table, keeping their ids (so Hangfire jobs already stored under the old job names still find their
/// timer). Call it from the migration that creates <c>Timers</c>, after the create and before the old tables are
/// dropped; kept apart from the generated code so a regenerated migration only needs the one call back.
/// Old statuses (Pending, Fired, Cancelled) carry over as they are; a sent review reminder becomes a fired timer
/// whose key (kind, agreement, review date) stops it being planned again.
/// </summary>
public static class TimerDataMigration
{
    public static void MoveOldTimersSqlite(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        // DateTimeOffset columns hold the same INTEGER encoding in every table and Guids the same TEXT, so values copy as they are.
        migrationBuilder.Sql("""
            INSERT INTO "Timers" ("Id", "Kind", "SubjectId", "Argument", "DedupKey", "DueAt", "Status", "ClaimedUntil", "Attempts", "FiredAt", "LastError")
            SELECT "Id", 'IcoReminder', "IncidentId", "Stage", NULL, "DueAt", "Status", NULL, 0, "FiredAt", NULL
            FROM "IcoReminders";
            """);
        migrationBuilder.Sql("""
            INSERT INTO "Timers" ("Id", "Kind", "SubjectId", "Argument", "DedupKey", "DueAt", "Status", "ClaimedUntil", "Attempts", "FiredAt", "LastError")
            SELECT "Id", CASE "Kind" WHEN 'Reinstatement' THEN 'SuspensionReinstatement' ELSE 'SuspensionReminder' END,
                   "SuspensionId", "BeforeEnd", NULL, "DueAt", "Status", NULL, 0, "FiredAt", NULL
            FROM "SuspensionTimers";
            """);
        migrationBuilder.Sql("""
            INSERT INTO "Timers" ("Id", "Kind", "SubjectId", "Argument", "DedupKey", "DueAt", "Status", "ClaimedUntil", "Attempts", "FiredAt", "LastError")
            SELECT "Id", 'AgreementReview', "AgreementId", "ReviewDate", 'AgreementReview:' || lower("AgreementId") || ':' || "ReviewDate",
                   "SentAt", 'Fired', NULL, 1, "SentAt", NULL
            FROM "ReviewReminders";
            """);
    }

    public static void MoveOldTimersSqlServer(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql("""
            INSERT INTO [Timers] ([Id], [Kind], [SubjectId], [Argument], [DedupKey], [DueAt], [Status], [ClaimedUntil], [Attempts], [FiredAt], [LastError])
            SELECT [Id], N'IcoReminder', [IncidentId], [Stage], NULL, [DueAt], [Status], NULL, 0, [FiredAt], NULL
            FROM [IcoReminders];
            """);
        migrationBuilder.Sql("""
            INSERT INTO [Timers] ([Id], [Kind], [SubjectId], [Argument], [DedupKey], [DueAt], [Status], [ClaimedUntil], [Attempts], [FiredAt], [LastError])
            SELECT [Id], CASE [Kind] WHEN N'Reinstatement' THEN N'SuspensionReinstatement' ELSE N'SuspensionReminder' END,
                   [SuspensionId], CONVERT(nvarchar(50), [BeforeEnd]), NULL, [DueAt], [Status], NULL, 0, [FiredAt], NULL
            FROM [SuspensionTimers];
            """);
        migrationBuilder.Sql("""
            INSERT INTO [Timers] ([Id], [Kind], [SubjectId], [Argument], [DedupKey], [DueAt], [Status], [ClaimedUntil], [Attempts], [FiredAt], [LastError])
            SELECT [Id], N'AgreementReview', [AgreementId], CONVERT(nvarchar(10), [ReviewDate], 23),
                   N'AgreementReview:' + LOWER(CONVERT(nvarchar(36), [AgreementId])) + N':' + CONVERT(nvarchar(10), [ReviewDate], 23),
                   [SentAt], N'Fired', NULL, 1, [SentAt], NULL
            FROM [ReviewReminders];
            """);
    }
}
