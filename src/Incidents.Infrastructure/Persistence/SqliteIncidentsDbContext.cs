using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Incidents.Infrastructure.Persistence;

/// <summary>The embedded default. Migrations in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteIncidentsDbContext(DbContextOptions<SqliteIncidentsDbContext> options) : IncidentsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }

    /// <summary>SQLite has no date-time type that sorts and compares; instants are stored as UTC ticks.</summary>
    private sealed class UtcTicksConverter : ValueConverter<DateTimeOffset, long>
    {
        public UtcTicksConverter()
            : base(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero))
        {
        }
    }
}
