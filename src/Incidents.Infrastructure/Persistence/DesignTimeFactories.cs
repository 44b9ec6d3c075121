using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Incidents.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef` build each context without starting the app. No database is touched to add a
/// migration or generate a script.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteIncidentsDbContext>
{
    public SqliteIncidentsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIncidentsDbContext>()
            .UseSqlite("Data Source=design-time.db", DatabaseProviders.ConfigureSqlite)
            .Options);
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerIncidentsDbContext>
{
    public SqlServerIncidentsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerIncidentsDbContext>()
            .UseSqlServer("Server=(design-time);Database=Incidents;Integrated Security=true;TrustServerCertificate=true", DatabaseProviders.ConfigureSqlServer)
            .Options);
}
