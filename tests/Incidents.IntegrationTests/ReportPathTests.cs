using System.Diagnostics;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit.Abstractions;

namespace Incidents.IntegrationTests;

/// <summary>The database work of one report (POST /api/incidents): the commands EF Core sends while the request is
/// handled, counted through EF Core's diagnostic events. Counts, not times: the profile is docs/performance.md.</summary>
public sealed class ReportPathTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(_smtp);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_report_takes_few_database_round_trips_and_one_audit_head_read()
    {
        // The request's commands are told apart from the job runner's by the test's execution context, which the
        // test server carries into the request (set before any client is made: the clients copy it).
        _app.Server.PreserveExecutionContext = true;
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        await staff.ReportAsync(Api.Breach()); // the first of the year may create the counter row

        var scheduledBefore = _app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().ScheduledCount();
        using var commands = new CommandLog();
        var result = await staff.ReportAsync(Api.Breach());
        var sent = commands.Stop();
        // The four ICO reminders are timer rows days ahead: none is handed to the job runner (Timers:Horizon).
        Assert.Equal(scheduledBefore, _app.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().ScheduledCount());
        Assert.Equal(4, sent.Count(s => s.StartsWith("INSERT INTO \"Timers\"", StringComparison.Ordinal)));

        foreach (var sql in sent)
        {
            output.WriteLine(sql.ReplaceLineEndings(" "));
            output.WriteLine("--");
        }

        output.WriteLine($"{sent.Count} commands ({commands.Seen} seen)");
        Assert.NotEqual(Guid.Empty, result.Id);
        // One transaction: BEGIN, the reads, the counter, the audit head moved once, the inserts, COMMIT.
        Assert.InRange(sent.Count, 1, MaxCommandsPerReport);
        Assert.Single(sent, s => s.Contains("\"AuditHead\"", StringComparison.Ordinal) && s.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>What the report path sends after session 4, BEGIN and COMMIT included (26 before it; see
    /// docs/performance.md, "Profile of the report path").</summary>
    private const int MaxCommandsPerReport = 22;

    /// <summary>The commands EF Core executes in the current execution context (and the ones it flows into).</summary>
    private sealed class CommandLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private static readonly AsyncLocal<CommandLog?> Current = new();
        private readonly List<string> _sql = [];
        private readonly List<IDisposable> _subscriptions = [];
        private bool _stopped;

        public CommandLog()
        {
            Current.Value = this;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public List<string> Stop()
        {
            lock (_sql)
            {
                _stopped = true;
                return [.. _sql];
            }
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data && Matches())
            {
                lock (_sql)
                {
                    if (!_stopped)
                    {
                        _sql.Add(data.Command.CommandText);
                    }
                }
            }
            else if (value.Key == RelationalEventId.TransactionStarted.Name && Matches())
            {
                lock (_sql)
                {
                    if (!_stopped)
                    {
                        _sql.Add("BEGIN");
                    }
                }
            }
            else if (value.Key == RelationalEventId.TransactionCommitted.Name && Matches())
            {
                lock (_sql)
                {
                    if (!_stopped)
                    {
                        _sql.Add("COMMIT");
                    }
                }
            }
        }

        public int Seen { get; private set; }

        private bool Matches()
        {
            Seen++;
            return Current.Value == this;
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            Current.Value = null;
            lock (_subscriptions)
            {
                foreach (var subscription in _subscriptions)
                {
                    subscription.Dispose();
                }
            }
        }
    }
}
