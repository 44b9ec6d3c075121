using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Incidents.Infrastructure.Persistence;

public static class DatabaseProviders
{
    public const string Sqlite = nameof(Sqlite);
    public const string SqlServer = nameof(SqlServer);

    public static void ConfigureSqlite(SqliteDbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MigrationsHistoryTable("__EFMigrationsHistory");
        options.CommandTimeout(30);
    }

    public static void ConfigureSqlServer(SqlServerDbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MigrationsHistoryTable("__EFMigrationsHistory");
        options.CommandTimeout(30);
    }
}
