using Incidents.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Incidents.IntegrationTests;

/// <summary>Each provider's migrations match the model, and the checked-in SQL Server script is the one they generate.</summary>
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
