using Microsoft.EntityFrameworkCore;

namespace Incidents.Infrastructure.Persistence;

/// <summary>Production. Migrations in Persistence/Migrations/SqlServer; db/sqlserver/incidents.sql is generated from them.</summary>
public sealed class SqlServerIncidentsDbContext(DbContextOptions<SqlServerIncidentsDbContext> options) : IncidentsDbContext(options);
