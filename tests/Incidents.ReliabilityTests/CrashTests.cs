using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace Incidents.ReliabilityTests;

/// <summary>
/// The app as a real child process, killed hard at random moments while staff report and a suspension runs, and
/// started again, several times. No acknowledged report is lost, every notice is delivered, a notice is sent twice
/// only if a kill cut its send short (same Message-Id, as SMTP cannot do better), and the reinstatement fires once.
/// </summary>
public sealed class CrashTests : IAsyncLifetime
{
    private static readonly int Kills = Environment.GetEnvironmentVariable("INCIDENTS_RELIABILITY_HEAVY") == "1" ? 12 : 4;
    private const string Password = "crash-test-password";

    private readonly TestSmtpServer _smtp = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("incidents-crash-").FullName;
    private readonly int _port = FreePort();
    private readonly List<int> _started = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // A life the test did not get to kill (an assertion or a wait failed first) must not outlive the test.
        foreach (var id in _started)
        {
            try
            {
                using var process = Process.GetProcessById(id);
                if (process.ProcessName.Contains("dotnet", StringComparison.OrdinalIgnoreCase))
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        await _smtp.DisposeAsync();
        SqliteConnection.ClearAllPools();
        IncidentsApp.TryDelete(_directory);
    }

    [Fact]
    public async Task Killing_the_process_at_random_moments_loses_no_report_and_fires_every_timer_once()
    {
        var random = new Random(1129);
        var acknowledged = new ConcurrentBag<Guid>();
        Guid? suspensionId = null;

        for (var life = 0; life < Kills; life++)
        {
            using var app = Start();
            var staff = await SignInAsync("staff@merseyvale.test");
            using var stop = new CancellationTokenSource();
            var reporters = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var response = await staff.PostAsJsonAsync("/api/incidents", Api.Breach(), stop.Token);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add((await response.Content.ReadFromJsonAsync<Application.Features.Incidents.ReportIncidentResult>(Api.Json, stop.Token))!.Id);
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException or System.Text.Json.JsonException)
                    {
                        // The process was killed mid-request: this report was not acknowledged.
                    }
                }
            })).ToList();

            if (life == 0)
            {
                var dpo = await SignInAsync("dpo@sil.test");
                var first = acknowledged.IsEmpty ? (await staff.ReportAsync(Api.Breach())).Id : acknowledged.First();
                acknowledged.Add(first);
                var suspended = await dpo.PostAsJsonAsync($"/api/agreements/{DemoData.AgreementIdFor(DemoData.MerseyValeId)}/suspensions",
                    new { reason = "Crash test", incidentIds = new[] { first } });
                Assert.Equal(HttpStatusCode.Created, suspended.StatusCode);
                suspensionId = (await suspended.Content.ReadFromJsonAsync<Application.Features.Agreements.SuspensionCreated>(Api.Json))!.Id;
            }

            await Task.Delay(random.Next(300, 1500));
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(reporters);
        }

        // A last life to finish what is owed, with nobody reporting.
        using (var last = Start())
        {
            await SignInAsync("dpo@sil.test");
            await Wait.UntilAsync(() => Task.FromResult(Scalar("SELECT COUNT(*) FROM Notifications WHERE Status <> 'Sent'")), c => c == 0,
                TimeSpan.FromSeconds(90), "every notice sent after the last restart");
            await Wait.UntilAsync(() => Task.FromResult(Scalar($"SELECT COUNT(*) FROM Timers WHERE Kind IN ('SuspensionReminder', 'SuspensionReinstatement') AND Status = 'Pending'")), c => c == 0,
                TimeSpan.FromSeconds(30), "every suspension timer fired");
            await Task.Delay(1000);
            last.Kill(entireProcessTree: true);
            await last.WaitForExitAsync();
        }

        Assert.True(acknowledged.Count >= Kills, $"Only {acknowledged.Count} reports were acknowledged");
        var stored = Ids("SELECT Id FROM Incidents");
        Assert.All(acknowledged.Distinct(), id => Assert.Contains(id, stored));

        var notifications = Rows("SELECT Id, Attempts FROM Notifications").ToDictionary(r => $"{Guid.Parse(r[0]):N}@incidents.localhost", r => int.Parse(r[1], CultureInfo.InvariantCulture));
        var received = _smtp.Messages.GroupBy(m => m.MessageId ?? string.Empty).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(notifications.Keys, id => Assert.True(received.ContainsKey(id), $"Notice {id} was never delivered"));
        var duplicated = received.Where(r => r.Value > 1).ToList();
        Assert.All(duplicated, d => Assert.True(notifications.GetValueOrDefault(d.Key) >= 2,
            $"Notice {d.Key} arrived {d.Value} times but was only attempted {notifications.GetValueOrDefault(d.Key)} time(s)"));
        Assert.True(duplicated.Count <= Kills * 10, $"{duplicated.Count} duplicates for {Kills} kills");

        Assert.Equal(1L, Scalar($"SELECT COUNT(*) FROM Timers WHERE SubjectId = '{suspensionId.ToString()!.ToUpperInvariant()}' AND Kind = 'SuspensionReinstatement' AND Status = 'Fired'"));
        Assert.Equal("Active", Rows($"SELECT Status FROM Agreements WHERE Id = '{DemoData.AgreementIdFor(DemoData.MerseyValeId).ToString().ToUpperInvariant()}'").Single()[0]);
        var reinstatements = _smtp.Messages.Where(m => m.Subject?.StartsWith("Agreement reinstated", StringComparison.Ordinal) == true).Select(m => m.MessageId).Distinct().Count();
        Assert.Equal(3, reinstatements);
    }

    private Process Start()
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Incidents.Web.dll")}\"")
        {
            WorkingDirectory = _directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{_port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__Incidents"] = $"Data Source={Path.Combine(_directory, "incidents.db")}",
            ["Seed__Demo"] = "true",
            ["Seed__DemoPassword"] = Password,
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "None",
            ["Email__Smtp__TimeoutSeconds"] = "5",
            ["Notifications__FirstRetryDelay"] = "00:00:00.500",
            ["Notifications__MaxRetryDelay"] = "00:00:02",
            ["Notifications__ClaimLease"] = "00:00:20",
            ["Notifications__ReconcileGrace"] = "00:00:02",
            // A timer claimed by a life that was killed is taken over once this runs out.
            ["Timers__ClaimLease"] = "00:00:05",
            ["Hangfire__SchedulePollingInterval"] = "00:00:00.200",
            ["RateLimits__ReportsPerMinute"] = "100000",
            ["RateLimits__SignInPerMinute"] = "100000",
            ["Suspension__Period"] = "00:00:04",
            ["Suspension__ReminderOffsets__0"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        _started.Add(process.Id);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
        await Wait.UntilAsync(async () =>
        {
            try
            {
                return (await client.GetAsync("/health/live")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, up => up, TimeSpan.FromSeconds(60), "the app to start");
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = await login.Content.ReadFromJsonAsync<IncidentsApp.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private HashSet<Guid> Ids(string sql) => Rows(sql).Select(r => Guid.Parse(r[0])).ToHashSet();

    private List<string[]> Rows(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!).ToArray());
        }

        return rows;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "incidents.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
