using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Incidents.Bench;

/// <summary>Sets PRAGMA busy_timeout on each SQLite connection EF Core opens (see <see cref="StartupHook"/>).</summary>
internal sealed class BusyTimeoutObserver(int milliseconds) : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private static readonly string Opened = RelationalEventId.ConnectionOpened.Name!;

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            value.Subscribe(this, name => name == Opened);
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == Opened && value.Value is ConnectionEndEventData { Connection: SqliteConnection connection })
        {
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {milliseconds};");
            command.ExecuteNonQuery();
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }
}
