using System.Diagnostics;
using System.Globalization;

#pragma warning disable CA1050 // The runtime looks for a type named StartupHook in no namespace.

/// <summary>
/// A what-if, never part of the default run: with `--sqlite-busy-timeout MS` the benchmark starts the app with
/// DOTNET_STARTUP_HOOKS pointing at this assembly, and this sets `PRAGMA busy_timeout` on every SQLite connection
/// EF Core opens, so one can see what the app would measure if it waited on SQLite's lock instead of
/// Microsoft.Data.Sqlite's fixed 150 ms sleep. The app's code is not changed.
/// </summary>
internal static class StartupHook
{
    public const string Variable = "INCIDENTS_BENCH_SQLITE_BUSY_TIMEOUT_MS";

    public static void Initialize()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable(Variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliseconds))
        {
            DiagnosticListener.AllListeners.Subscribe(new Incidents.Bench.BusyTimeoutObserver(milliseconds));
        }
    }
}

#pragma warning restore CA1050
