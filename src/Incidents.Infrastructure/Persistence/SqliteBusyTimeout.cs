using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Incidents.Infrastructure.Persistence;

/// <summary>
/// Lets SQLite itself wait for the write lock (PRAGMA busy_timeout) instead of failing at once and leaving the
/// retry to the client library, which sleeps 150 ms at a time: the benchmark showed that sleep as the p99 of
/// reports and emails (docs/performance.md).
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public const int Milliseconds = 30_000;
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
