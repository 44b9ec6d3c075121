using Incidents.Domain.Agreements;
using Incidents.Domain.Incidents;
using Incidents.Domain.Timers;
using Incidents.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Incidents.IntegrationTests;

/// <summary>Each provider's migrations match the model, the checked-in SQL Server script is the one they generate, and
/// that script is valid T-SQL (no SQL Server runs here, so Microsoft's own T-SQL parser reads it).</summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --project src/Incidents.Infrastructure --startup-project src/Incidents.Infrastructure --context SqliteIncidentsDbContext --output-dir Persistence/Migrations/Sqlite");
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.False(db.Database.HasPendingModelChanges(), "Run: dotnet ef migrations add <Name> --project src/Incidents.Infrastructure --startup-project src/Incidents.Infrastructure --context SqlServerIncidentsDbContext --output-dir Persistence/Migrations/SqlServer");
    }

    [Fact]
    public void The_checked_in_sql_server_script_is_current()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var generated = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var checkedIn = File.ReadAllText(Path.Combine(RepositoryRoot(), "db", "sqlserver", "incidents.sql"));

        Assert.True(
            Normalise(generated) == Normalise(checkedIn),
            "db/sqlserver/incidents.sql is stale. Run: dotnet ef migrations script --idempotent --project src/Incidents.Infrastructure --startup-project src/Incidents.Infrastructure --context SqlServerIncidentsDbContext -o db/sqlserver/incidents.sql");
        Assert.Contains("CREATE TABLE [Incidents]", checkedIn, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [Notifications]", checkedIn, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checked_in_sql_server_script_parses_as_t_sql()
    {
        var script = ParseTSql(File.ReadAllText(Path.Combine(RepositoryRoot(), "db", "sqlserver", "incidents.sql")));

        Assert.True(script.Errors.Count == 0, "db/sqlserver/incidents.sql does not parse as T-SQL:\n" + string.Join("\n", script.Errors));

        // Not vacuous: the statements are really there, the dynamic SQL in EXEC(N'...') included.
        Assert.True(script.Statements >= 150, $"only {script.Statements} statements were parsed");
        foreach (var table in new[] { "Organisations", "Agreements", "Suspensions", "Timers", "Incidents", "Notifications", "AuditEntries", "AuditHead", "ApiKeys", "AspNetUsers", "AspNetRoles", "AspNetUserRoles", "AspNetUserLogins", "__EFMigrationsHistory" })
        {
            Assert.Contains(table, script.Tables);
        }

        Assert.True(script.Indexes >= 10, $"only {script.Indexes} CREATE INDEX statements were parsed");
        Assert.True(script.DynamicStatements >= 4, $"only {script.DynamicStatements} EXEC(N'...') statements were parsed");
    }

    [Theory]
    [InlineData("CREATE TABLE [Incidents] ([Id] uniqueidentifier NOT NULL,, [Summary] nvarchar(200));\nGO\n")]
    [InlineData("IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory])\nBEGIN\n    ALTER TABLE [Incidents] ADD [Note] nvarchar(max) NUL;\nEND;\nGO\n")]
    [InlineData("EXEC(N'CREATE UNIQUE INDEX [X] ON [Organisations] ([Urn]) WHER [Urn] IS NOT NULL');")]
    public void The_t_sql_check_finds_a_broken_statement(string sql)
    {
        Assert.NotEmpty(ParseTSql(sql).Errors);
    }

    /// <summary>Parses a script as SQL Server 2022 T-SQL (QUOTED_IDENTIFIER on, as sqlcmd runs it), and the text each
    /// EXEC(N'...') in it runs too.</summary>
    private static TSqlScriptReader ParseTSql(string sql)
    {
        var reader = new TSqlScriptReader();
        reader.Read(sql);
        return reader;
    }

    private sealed class TSqlScriptReader : TSqlFragmentVisitor
    {
        public List<string> Errors { get; } = [];

        public int Statements { get; private set; }

        public int Indexes { get; private set; }

        public int DynamicStatements { get; private set; }

        public HashSet<string> Tables { get; } = new(StringComparer.Ordinal);

        public void Read(string sql, string where = "")
        {
            using var text = new StringReader(sql);
            var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(text, out var errors);
            Errors.AddRange(errors.Select(e => $"{where}line {e.Line}, column {e.Column}: {e.Message}"));
            fragment.Accept(this);
        }

        public override void Visit(TSqlStatement node)
        {
            Statements++;
            base.Visit(node);
        }

        public override void Visit(CreateTableStatement node)
        {
            Tables.Add(node.SchemaObjectName.BaseIdentifier.Value);
            base.Visit(node);
        }

        public override void Visit(CreateIndexStatement node)
        {
            Indexes++;
            base.Visit(node);
        }

        public override void Visit(ExecutableStringList node)
        {
            DynamicStatements++;
            // A variable in the list (EF's "DROP CONSTRAINT ' + @var + ';'" for a default constraint found at run time)
            // holds a quoted name when it runs: stand a quoted name in for it.
            Read(string.Concat(node.Strings.Select(s => s is StringLiteral literal ? literal.Value : "[run_time_name]")), $"in the EXEC at line {node.StartLine}: ");
            base.Visit(node);
        }
    }

    [Fact]
    public void The_sqlite_migrations_create_a_working_database()
    {
        var path = Path.Combine(Path.GetTempPath(), $"incidents-migrate-{Guid.NewGuid():N}.db");
        try
        {
            using (var db = new SqliteIncidentsDbContext(new DbContextOptionsBuilder<SqliteIncidentsDbContext>().UseSqlite($"Data Source={path}").Options))
            {
                db.Database.Migrate();
                Assert.Empty(db.Database.GetPendingMigrations());
                Assert.Equal(0, db.Incidents.Count());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Fact]
    public void The_timers_migration_moves_the_rows_of_the_three_old_timer_tables_into_the_one_table_keeping_their_ids()
    {
        var path = Path.Combine(Path.GetTempPath(), $"incidents-migrate-{Guid.NewGuid():N}.db");
        var ico = Guid.NewGuid();
        var reminder = Guid.NewGuid();
        var reinstatement = Guid.NewGuid();
        var review = Guid.NewGuid();
        var incident = Guid.NewGuid();
        var suspension = Guid.NewGuid();
        var agreement = Guid.NewGuid();
        var due = new DateTimeOffset(2026, 12, 3, 9, 30, 0, TimeSpan.Zero);
        var fired = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);
        var sent = new DateTimeOffset(2026, 8, 2, 7, 0, 0, TimeSpan.Zero);
        static string G(Guid id) => id.ToString().ToUpperInvariant();
        try
        {
            using (var db = new SqliteIncidentsDbContext(new DbContextOptionsBuilder<SqliteIncidentsDbContext>().UseSqlite($"Data Source={path}").Options))
            {
                var migrations = db.Database.GetMigrations().ToList();
                var timers = migrations.FindIndex(m => m.EndsWith("_Timers", StringComparison.Ordinal));
                var migrator = db.GetService<IMigrator>();
                migrator.Migrate(migrations[timers - 1]);

                // Rows as the previous version wrote them; their parents do not matter here.
                db.Database.OpenConnection();
                db.Database.ExecuteSqlRaw("PRAGMA foreign_keys = OFF");
                db.Database.ExecuteSql(
                    $"INSERT INTO IcoReminders (Id, IncidentId, Stage, DueAt, Status, FiredAt) VALUES ({G(ico)}, {G(incident)}, 'Hours24', {due.UtcTicks}, 'Pending', NULL)");
                db.Database.ExecuteSql(
                    $"INSERT INTO SuspensionTimers (Id, SuspensionId, Kind, DueAt, BeforeEnd, Status, FiredAt) VALUES ({G(reminder)}, {G(suspension)}, 'Reminder', {fired.UtcTicks}, '7.00:00:00', 'Fired', {fired.UtcTicks}), ({G(reinstatement)}, {G(suspension)}, 'Reinstatement', {due.UtcTicks}, NULL, 'Pending', NULL)");
                db.Database.ExecuteSql(
                    $"INSERT INTO ReviewReminders (Id, AgreementId, ReviewDate, SentAt) VALUES ({G(review)}, {G(agreement)}, '2026-09-01', {sent.UtcTicks})");

                migrator.Migrate();

                var moved = db.Timers.AsNoTracking().ToDictionary(t => t.Id);
                Assert.Equal(4, moved.Count);
                Assert.Equal((TimerKinds.IcoReminder, incident, due, TimerStatus.Pending), (moved[ico].Kind, moved[ico].SubjectId, moved[ico].DueAt, moved[ico].Status));
                Assert.Equal(ReminderStage.Hours24, IcoReminder.StageOf(moved[ico]));
                Assert.Equal((TimerKinds.SuspensionReminder, suspension, TimerStatus.Fired, (DateTimeOffset?)fired), (moved[reminder].Kind, moved[reminder].SubjectId, moved[reminder].Status, moved[reminder].FiredAt));
                Assert.Equal(TimeSpan.FromDays(7), SuspensionTimer.BeforeEndOf(moved[reminder]));
                Assert.Equal((TimerKinds.SuspensionReinstatement, suspension, due, TimerStatus.Pending), (moved[reinstatement].Kind, moved[reinstatement].SubjectId, moved[reinstatement].DueAt, moved[reinstatement].Status));
                Assert.Equal((TimerKinds.AgreementReview, agreement, TimerStatus.Fired), (moved[review].Kind, moved[review].SubjectId, moved[review].Status));
                Assert.Equal(new DateOnly(2026, 9, 1), ReviewReminder.ReviewDateOf(moved[review]));
                // The same key the planner computes, so the sent reminder is not planned again.
                Assert.Equal(ReviewReminder.KeyFor(agreement, new DateOnly(2026, 9, 1)), moved[review].DedupKey);
                Assert.All(moved.Values, t => Assert.Null(t.ClaimedUntil));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    private static string Normalise(string sql) => sql.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\uFEFF', '\n', ' ');

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Incidents.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Incidents.sln not found above " + AppContext.BaseDirectory);
    }
}
