using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;

namespace Incidents.Bench;

internal static class BenchProgram
{
    /// <summary>What PRAGMA synchronous a new connection of this Microsoft.Data.Sqlite build has (the app and the floor set none).</summary>
    private static string SynchronousDefault()
    {
        var path = Path.Combine(Path.GetTempPath(), $"incidents-bench-{Guid.NewGuid():N}.db");
        try
        {
            return Database.Pragma(path, "synchronous") switch
            {
                "0" => "OFF",
                "1" => "NORMAL",
                "2" => "FULL",
                "3" => "EXTRA",
                var other => other,
            };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    public static async Task<int> Main(string[] args)
    {
        if (args is ["--floor-server", var port, var smtpPort, var database])
        {
            return await FloorServer.RunAsync(int.Parse(port, CultureInfo.InvariantCulture), int.Parse(smtpPort, CultureInfo.InvariantCulture), database);
        }

        BenchOptions? options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(BenchOptions.Usage);
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        var results = new Results
        {
            Synchronous = SynchronousDefault(),
            Command = "dotnet run -c Release --project bench/Incidents.Bench" + (args.Length > 0 ? " -- " + string.Join(' ', args) : string.Empty),
            Machine = Machine.Describe(),
            LoadBefore = Machine.LoadAverage(),
        };
        var total = Stopwatch.StartNew();
        var bench = new Bench(options, results);
        try
        {
            await bench.RunAsync();
        }
        finally
        {
            bench.Dispose();
        }

        results.LoadAfter = Machine.LoadAverage();
        results.Took = total.Elapsed;
        Report.Print(results, options);
        return results.Failures.Count == 0 ? 0 : 1;
    }
}

/// <summary>Runs the phases in order: the app (P1, P2, P5, then P3), the floor (P1, P2), the app on 100 000 incidents (P4).</summary>
internal sealed class Bench(BenchOptions options, Results results) : IDisposable
{
    public const string Password = "bench-password-not-a-secret";
    public const string AdminEmail = "admin@bench.test";

    private readonly List<ChildServer> _children = [];
    private readonly List<string> _directories = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 256,
        UseCookies = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    private RecordingSmtpServer _smtp = null!;

    public async Task RunAsync()
    {
        await using var smtp = new RecordingSmtpServer();
        _smtp = smtp;
        Log($"machine: {results.Machine}; load average {results.LoadBefore}");
        Log($"SMTP server on 127.0.0.1:{smtp.Port}; app: {AppDll()}");

        try
        {
            if (options.Runs("p1") || options.Runs("p3"))
            {
                await AppPhasesAsync();
            }

            if (options.Runs("floor"))
            {
                await FloorPhasesAsync();
            }

            if (options.Runs("p4"))
            {
                await ReadPhasesAsync();
            }
            else if (options.Runs("export"))
            {
                await ExportPhaseAsync();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or SqliteException)
        {
            results.Failures.Add($"{ex.GetType().Name}: {ex.Message}");
            Log($"FAILED: {ex}");
        }

        results.SmtpAccepted = smtp.Accepted;
        results.SmtpDuplicates = smtp.Duplicates;
    }

    // ---------------------------------------------------------------- the app: P1, P2, P5, P3

    private async Task AppPhasesAsync()
    {
        if (options.Runs("p1"))
        {
            var directory = TempDirectory("incidents-bench-app-");
            var (app, startup) = await StartAppAsync(directory);
            results.AppStartup = startup;
            results.JournalMode = Database.Pragma(Path.Combine(directory, "incidents.db"), "journal_mode");
            var url = new Uri(app.BaseAddress, "/api/incidents");
            var many = await AppReportersAsync(app);
            var one = new[] { many[0] };
            results.AppIdleWorkingSet = app.WorkingSet();
            Log($"app: working set when started and idle {Format.Mb(results.AppIdleWorkingSet)}");
            Log($"app: warm-up {options.Warmup.TotalSeconds:0} s at 4 reporters");
            await DrainAsync(await Load.RunAsync(_http, url, many, 4, options.Warmup, app), TimeSpan.FromSeconds(60));

            // P2 first, at paced loads (the floor gets the same), while no email backlog is owed.
            (results.AppP2LightLoad, results.AppP2Light) = await PacedAsync("app", app, url, one, 1, BenchOptions.LightRate);
            (results.AppP2BusyLoad, results.AppP2Busy) = await PacedAsync("app", app, url, many, 16, options.BusyRate);

            (results.AppP1x1, results.AppBacklog1) = await ClosedAsync("app", app, url, one, 1, drain: true);
            (results.AppP1x16, _) = await ClosedAsync("app", app, url, many, 16, drain: false);
            // How fast the app emailed while saturated, then how long its backlog takes to clear (issue 16: ≤ 2 s).
            var owed = results.AppP1x16.Created.SelectMany(c => c.Notifications).ToList();
            results.AppEmailsOwed16 = owed.Count;
            results.AppEmailsSent16 = owed.Count(id => _smtp.TryGet(id, out _));
            results.AppBacklog16 = await DrainAsync(results.AppP1x16, TimeSpan.FromSeconds(150));
            Log($"app:   emails of the 16-reporter phase: {results.AppBacklog16.Latency}; backlog cleared {Format.Ms(results.AppBacklog16.Drain.TotalMilliseconds)} after it, {results.AppBacklog16.Missing} missing");
            results.AppPeakWorkingSet = Math.Max(results.AppP1x1.PeakWorkingSet, results.AppP1x16.PeakWorkingSet);
            results.AppPeakResident = Machine.PeakResidentBytes(app.Id);
            var errors = app.ErrorLines();
            results.AppErrorLines = errors.Count;
            foreach (var line in errors.Take(3))
            {
                Log($"app logged: {(line.Length > 400 ? line[..400] + "…" : line)}");
            }

            Stop(app);
        }

        if (options.Runs("p3"))
        {
            // A fresh app, so that no email backlog of P1 holds the job runner's workers.
            var directory = TempDirectory("incidents-bench-timers-");
            var (app, _) = await StartAppAsync(directory);
            results.Timers = await TimerPhaseAsync(app, Path.Combine(directory, "incidents.db"));
            Stop(app);
        }
    }

    private async Task<Reporter[]> AppReportersAsync(ChildServer app)
    {
        var demo = Infrastructure.Startup.DemoData.Schools;
        return
        [
            new Reporter("staff@merseyvale.test", await LoginAsync(app, "staff@merseyvale.test"), Infrastructure.Startup.DemoData.SilId),
            new Reporter("staff@brambledown.test", await LoginAsync(app, "staff@brambledown.test"), Infrastructure.Startup.DemoData.SilId),
            new Reporter("staff@kestrelheights.test", await LoginAsync(app, "staff@kestrelheights.test"), Infrastructure.Startup.DemoData.SilId),
            new Reporter("staff@sil.test", await LoginAsync(app, "staff@sil.test"), demo[0].Id),
        ];
    }

    /// <summary>P1: closed-loop reporters for the phase; then (app) waits for every email, or (floor) drops the queue.</summary>
    private async Task<(LoadResult, Delivery?)> ClosedAsync(string who, ChildServer server, Uri url, Reporter[] reporters, int concurrency, bool drain)
    {
        Log($"{who}: P1 at {concurrency} reporter(s) for {options.Phase.TotalSeconds:0} s");
        var load = await Load.RunAsync(_http, url, reporters, concurrency, options.Phase, server);
        Log($"{who}:   {load.Latency}, {Format.Rate(load.Throughput)}, errors {load.ErrorSummary}; {Format.Number(100 * load.ShareAtLeast(150), "0.#")}% took ≥ 150 ms; {load.Cpu}; peak working set {Format.Mb(load.PeakWorkingSet)}");
        if (!drain)
        {
            return (load, null);
        }

        var delivery = await DrainAsync(load, TimeSpan.FromSeconds(150));
        Log($"{who}:   emails of that phase: {delivery.Latency}; backlog cleared {Format.Ms(delivery.Drain.TotalMilliseconds)} after it, {delivery.Missing} missing");
        return (load, delivery);
    }

    /// <summary>P2: paced reporters, then waits for every email.</summary>
    private async Task<(LoadResult, Delivery)> PacedAsync(string who, ChildServer server, Uri url, Reporter[] reporters, int concurrency, double perSecond)
    {
        Log($"{who}: P2 at {concurrency} reporter(s), {Format.Number(perSecond)} reports/s for {options.PacedPhase.TotalSeconds:0} s");
        var load = await Load.RunPacedAsync(_http, url, reporters, concurrency, perSecond, options.PacedPhase, server);
        var delivery = await DrainAsync(load, TimeSpan.FromSeconds(60));
        Log($"{who}:   P1 {load.Latency}, errors {load.ErrorSummary}; P2 {delivery.Latency}, {delivery.Missing} missing; {load.Cpu}");
        return (load, delivery);
    }

    private async Task<Delivery> DrainAsync(LoadResult load, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var ids = load.Created.SelectMany(s => s.Notifications).ToList();
        var missing = await _smtp.WaitForAsync(ids, timeout);
        var (latency, undelivered) = load.Delivery(_smtp);
        return new Delivery(latency, undelivered, missing, watch.Elapsed);
    }

    /// <summary>
    /// P3: 200 schools, each with an agreement and an incident (through the admin API), then one suspension each,
    /// started one after another over the spread, each ending Suspension:Period after its start. Lateness is read
    /// from the app's own rows (the suspension's EndedAt against its EndsAt) and from the reinstatement emails'
    /// arrival at the SMTP server.
    /// </summary>
    private async Task<TimerResult> TimerPhaseAsync(ChildServer app, string databasePath)
    {
        var n = options.Suspensions;
        Log($"P3: creating {n} schools, contacts, agreements and incidents through the API");
        var admin = await LoginAsync(app, AdminEmail);
        var reporter = await LoginAsync(app, "staff@sil.test");
        var dpo = await LoginAsync(app, "dpo@sil.test");
        var setup = Stopwatch.StartNew();
        var created = new (Guid Agreement, Guid Incident, Guid[] Notices)[n];
        using (var gate = new SemaphoreSlim(4))
        {
            await Task.WhenAll(Enumerable.Range(0, n).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var school = (await PostAsync<IdResult>(app, admin, "/api/organisations", new { name = $"Bench School {i:000}", urn = (880_000 + i).ToString(CultureInfo.InvariantCulture) })).Id;
                    await PostAsync<IdResult>(app, admin, $"/api/organisations/{school}/contacts", new { name = $"Officer {i:000}", email = $"officer@bench{i:000}.test", role = "DesignatedOfficer" });
                    var agreement = (await PostAsync<IdResult>(app, admin, "/api/agreements", new { schoolOrganisationId = school, version = 1, startDate = "2026-09-01" })).Id;
                    var report = new Reporter("staff@sil.test", reporter, school);
                    var sample = await Load.PostAsync(_http, new Uri(app.BaseAddress, "/api/incidents"), report);
                    if (sample.Status != 201)
                    {
                        throw new InvalidOperationException($"Reporting an incident for bench school {i} answered {sample.Status}.");
                    }

                    created[i] = (agreement, sample.Id, sample.Notifications);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var setupMissing = await _smtp.WaitForAsync(created.SelectMany(c => c.Notices).ToList(), TimeSpan.FromSeconds(60));
        Log($"P3: set up in {setup.Elapsed.TotalSeconds:0.0} s ({setupMissing} report emails still missing); suspending {n} agreements over {options.Spread.TotalSeconds:0} s, period {options.Period.TotalSeconds:0} s");

        var cpu = CpuWindow.Start(() => app.HasExited ? null : app.Id);
        var clock = Stopwatch.StartNew();
        var suspensions = new Task<SuspensionCreated>[n];
        for (var i = 0; i < n; i++)
        {
            var due = TimeSpan.FromTicks(options.Spread.Ticks * i / n);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var (agreement, incident, _) = created[i];
            suspensions[i] = PostAsync<SuspensionCreated>(app, dpo, $"/api/agreements/{agreement}/suspensions",
                new { reason = "Benchmark: timer lateness", evidence = "P3", incidentIds = new[] { incident }, renew = false });
        }

        var ours = (await Task.WhenAll(suspensions)).ToDictionary(s => s.Id);
        var lastEnd = ours.Values.Max(s => s.EndsAt);
        Log($"P3: all suspended; the last ends at {lastEnd:HH:mm:ss.fff}Z; waiting for every reinstatement");

        var deadline = lastEnd.UtcDateTime + TimeSpan.FromSeconds(60);
        using var db = Database.Open(databasePath);
        while (Database.Scalar(db, "SELECT COUNT(*) FROM Suspensions WHERE Status = 'Active'") > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        var reinstatements = Database.Rows(db, "SELECT Id, SuspensionId FROM Notifications WHERE Type = 'AgreementReinstated'")
            .Select(r => (Notice: Guid.Parse((string)r["Id"]!), Suspension: Guid.Parse((string)r["SuspensionId"]!)))
            .Where(r => ours.ContainsKey(r.Suspension))
            .ToList();
        var emailsMissing = await _smtp.WaitForAsync(reinstatements.Select(r => r.Notice).ToList(), TimeSpan.FromSeconds(30));
        var use = cpu.Stop();

        var rows = Database.Rows(db, "SELECT Id, EndsAt, EndedAt, Status FROM Suspensions")
            .Select(r => (Id: Guid.Parse((string)r["Id"]!), EndsAt: Ticks(r["EndsAt"]), EndedAt: r["EndedAt"] is null ? (DateTime?)null : Ticks(r["EndedAt"]), Status: (string)r["Status"]!))
            .Where(r => ours.ContainsKey(r.Id))
            .ToList();
        var ended = rows.Where(r => r.Status == "Ended" && r.EndedAt is not null).ToList();
        var fired = new Distribution(ended.Select(r => (r.EndedAt!.Value - r.EndsAt).TotalMilliseconds));
        var byEmail = new List<double>();
        foreach (var r in rows)
        {
            var arrivals = reinstatements.Where(x => x.Suspension == r.Id).Select(x => _smtp.TryGet(x.Notice, out var a) ? a.Utc : (DateTime?)null).ToList();
            if (arrivals.Count > 0 && arrivals.All(a => a is not null))
            {
                byEmail.Add((arrivals.Max()!.Value - r.EndsAt).TotalMilliseconds);
            }
        }

        var timers = Database.Rows(db, "SELECT SubjectId, Kind, DueAt, FiredAt, Status FROM Timers WHERE Kind IN ('SuspensionReminder', 'SuspensionReinstatement')")
            .Where(r => ours.ContainsKey(Guid.Parse((string)r["SubjectId"]!)))
            .ToList();
        var reminders = new Distribution(timers.Where(t => (string)t["Kind"]! == "SuspensionReminder" && t["FiredAt"] is not null)
            .Select(t => (Ticks(t["FiredAt"]) - Ticks(t["DueAt"])).TotalMilliseconds));
        var result = new TimerResult(n, fired, new Distribution(byEmail), reminders,
            rows.Count - ended.Count, ended.Count(r => r.EndedAt < r.EndsAt), emailsMissing, use);
        Log($"P3: reinstated {result.Fired}; emails {result.Email}; reminders {result.Reminders}; not ended {result.NotEnded}, early {result.Early}; {use}");
        return result;
    }

    private static DateTime Ticks(object? value) => new(Convert.ToInt64(value, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    // ---------------------------------------------------------------- the floor

    private async Task FloorPhasesAsync()
    {
        var directory = TempDirectory("incidents-bench-floor-");
        var port = ChildServer.FreePort();
        var database = Path.Combine(directory, "floor.db");
        var floor = ChildServer.Start("the floor", Path.Combine(AppContext.BaseDirectory, "Incidents.Bench.dll"),
            ["--floor-server", port.ToString(CultureInfo.InvariantCulture), _smtp.Port.ToString(CultureInfo.InvariantCulture), database],
            directory, new Dictionary<string, string>(), port);
        _children.Add(floor);
        await floor.WaitReadyAsync(_http, "/health/live", TimeSpan.FromSeconds(60));
        var url = new Uri(floor.BaseAddress, FloorServer.Path);
        var demo = Infrastructure.Startup.DemoData.Schools;
        Reporter[] many =
        [
            new("staff@merseyvale.test", null, Infrastructure.Startup.DemoData.SilId),
            new("staff@brambledown.test", null, Infrastructure.Startup.DemoData.SilId),
            new("staff@kestrelheights.test", null, Infrastructure.Startup.DemoData.SilId),
            new("staff@sil.test", null, demo[0].Id),
        ];
        var discard = new Uri(floor.BaseAddress, "/floor/discard");
        Log($"floor: warm-up {options.Warmup.TotalSeconds:0} s at 4 reporters");
        await Load.RunAsync(_http, url, many, 4, options.Warmup, floor);
        await DiscardAsync(discard);

        // P2 first, paced as for the app.
        (results.FloorP2LightLoad, results.FloorP2Light) = await PacedAsync("floor", floor, url, [many[0]], 1, BenchOptions.LightRate);
        (results.FloorP2BusyLoad, results.FloorP2Busy) = await PacedAsync("floor", floor, url, many, 16, options.BusyRate);

        (results.FloorP1x1, _) = await ClosedAsync("floor", floor, url, [many[0]], 1, drain: false);
        results.FloorDiscarded += await DiscardAsync(discard);
        (results.FloorP1x16, _) = await ClosedAsync("floor", floor, url, many, 16, drain: false);
        results.FloorDiscarded += await DiscardAsync(discard);
        results.FloorPeakWorkingSet = Math.Max(results.FloorP1x1.PeakWorkingSet, results.FloorP1x16.PeakWorkingSet);
        results.FloorPeakResident = Machine.PeakResidentBytes(floor.Id);
        Stop(floor);
    }

    private async Task<int> DiscardAsync(Uri discard)
    {
        using var response = await _http.PostAsync(discard, null);
        return await response.Content.ReadFromJsonAsync<int>();
    }

    // ---------------------------------------------------------------- P4: reads on 100 000 incidents

    /// <summary><c>--only export</c>: P4's dataset, then only the register export (CSV, then XLSX) with the app's
    /// memory measured, without P4's reads.</summary>
    private async Task ExportPhaseAsync()
    {
        var (app, _) = await SeedLargeAsync();
        var dpo = await LoginAsync(app, "dpo@sil.test");
        results.Export = await ExportAsync(app, dpo, "csv");
        Log($"export: {results.Export}");
        results.ExportXlsx = await ExportAsync(app, dpo, "xlsx");
        Log($"export: {results.ExportXlsx}");
        Stop(app);
    }

    /// <summary>P4's database (<c>--incidents</c>, <c>--open</c> of them open) and the app started on it.</summary>
    private async Task<(ChildServer App, string Database)> SeedLargeAsync()
    {
        var directory = TempDirectory("incidents-bench-reads-");
        var database = Path.Combine(directory, "incidents.db");
        var (app, _) = await StartAppAsync(directory);
        // One report through the app: the template every inserted row copies, column for column.
        var staff = new Reporter("staff@merseyvale.test", await LoginAsync(app, "staff@merseyvale.test"), Infrastructure.Startup.DemoData.SilId);
        var sample = await Load.PostAsync(_http, new Uri(app.BaseAddress, "/api/incidents"), staff);
        if (sample.Status != 201)
        {
            throw new InvalidOperationException($"The template report answered {sample.Status}.");
        }

        await _smtp.WaitForAsync(sample.Notifications, TimeSpan.FromSeconds(30));
        using (var db = Database.Open(database))
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Database.Scalar(db, "SELECT COUNT(*) FROM Notifications WHERE Status <> 'Sent'") > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }

        var template = sample.Id;
        Stop(app);
        SqliteConnection.ClearAllPools();

        Log($"P4: inserting {options.Incidents:N0} incidents ({options.Open} open) and their notices straight into the SQLite file");
        var (open, closed, took) = Database.SeedIncidents(database, template, options.Incidents - 1, options.Open);
        results.SeedTook = took;
        results.DatabaseBytes = new FileInfo(database).Length;
        Log($"P4: inserted in {took.TotalSeconds:0.0} s; database {Format.Mb(results.DatabaseBytes)}");

        (app, results.AppStartupLarge) = await StartAppAsync(directory);
        results.SeededOpen = open;
        results.SeededClosed = closed;
        return (app, database);
    }

    private async Task ReadPhasesAsync()
    {
        var (app, database) = await SeedLargeAsync();
        var (open, closed) = (results.SeededOpen, results.SeededClosed);
        var dpo = await LoginAsync(app, "dpo@sil.test");
        var cpu = CpuWindow.Start(() => app.HasExited ? null : app.Id);
        var random = new Random(7);
        var ids = open.Concat(closed).ToList();
        Uri Triage() => new(app.BaseAddress, "/api/triage");
        Uri Incident() => new(app.BaseAddress, $"/api/incidents/{ids[random.Next(ids.Count)]}");
        Uri List() => new(app.BaseAddress, "/api/incidents?page=1&pageSize=25");

        await ReadAsync(dpo, Triage, TimeSpan.FromSeconds(1), 30);
        await ReadAsync(dpo, Incident, TimeSpan.FromSeconds(1), 30);
        await ReadAsync(dpo, List, TimeSpan.FromSeconds(1), 30);
        results.Triage = await ReadAsync(dpo, Triage, options.ReadPhase, 5000);
        results.Incident = await ReadAsync(dpo, Incident, options.ReadPhase, 5000);
        results.List = await ReadAsync(dpo, List, options.ReadPhase, 5000);
        results.ReadCpu = cpu.Stop();
        Log($"P4: triage ({options.Open} open) {results.Triage}; incident {results.Incident}; list {results.List}; {results.ReadCpu}");
        results.Export = await ExportAsync(app, dpo, "csv");
        Log($"P4: {results.Export}");
        results.ExportXlsx = await ExportAsync(app, dpo, "xlsx");
        Log($"P4: {results.ExportXlsx}");

        foreach (var size in options.TriageScale.Where(s => s > options.Open && s <= options.Incidents))
        {
            Database.OpenUpTo(database, size);
            await ReadAsync(dpo, Triage, TimeSpan.Zero, 2);
            var scaled = await ReadAsync(dpo, Triage, TimeSpan.FromSeconds(options.Quick ? 2 : 4), 2000, minimum: 5);
            results.TriageScale.Add((size, scaled));
            Log($"P4: triage with {size:N0} open {scaled}");
        }

        results.ReadPeakResident = Machine.PeakResidentBytes(app.Id);
        Stop(app);
    }

    /// <summary>GET /api/register/export as the DPO (every incident, CSV or XLSX), read as it arrives and never held: bytes, lines,
    /// time, and the app's working set sampled every 50 ms against what it was just before (its peak resident set is
    /// reset first through /proc/{pid}/clear_refs, so VmHWM afterwards is the peak of the export).</summary>
    private async Task<ExportResult> ExportAsync(ChildServer app, string token, string format)
    {
        GC.Collect();
        await Task.Delay(500);
        try
        {
            await File.WriteAllTextAsync($"/proc/{app.Id}/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        var before = app.WorkingSet();
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, app.WorkingSet());
                await Task.Delay(50);
            }
        });
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(app.BaseAddress, $"/api/register/export?format={format}"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long bytes = 0, lines = 0;
        var lastWasCr = false;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            for (var n = 0; n < read; n++)
            {
                // Records end with CRLF; line breaks inside a quoted cell are a bare LF.
                if (buffer[n] == (byte)'\n' && lastWasCr)
                {
                    lines++;
                }

                lastWasCr = buffer[n] == (byte)'\r';
            }
        }

        var took = watch.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        // A workbook is compressed: its rows cannot be counted from the bytes (the CSV export counts them).
        return new ExportResult(bytes, format == "csv" ? lines - 1 : -1, took, before, peak, Machine.PeakResidentBytes(app.Id)) { Format = format };
    }

    private async Task<ReadResult> ReadAsync(string token, Func<Uri> next, TimeSpan duration, int max, int minimum = 1)
    {
        var times = new List<double>();
        var errors = 0;
        var watch = Stopwatch.StartNew();
        while ((watch.Elapsed < duration || times.Count + errors < minimum) && times.Count + errors < max)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next());
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            var start = Stopwatch.GetTimestamp();
            using var response = await _http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                times.Add(ms);
            }
            else
            {
                errors++;
            }
        }

        return new ReadResult(new Distribution(times), errors);
    }

    // ---------------------------------------------------------------- the app as a child process

    private string AppDll()
    {
        if (options.AppDll is { } given)
        {
            return given;
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "Incidents.Web.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "Incidents.Web.runtimeconfig.json")))
        {
            return beside;
        }

        throw new InvalidOperationException($"Incidents.Web.dll (with its runtimeconfig) is not in {AppContext.BaseDirectory}; build the solution in Release or pass --app.");
    }

    private async Task<(ChildServer App, TimeSpan Startup)> StartAppAsync(string directory)
    {
        var port = ChildServer.FreePort();
        var dll = AppDll();
        var contentRoot = Path.GetDirectoryName(dll)!;
        var reminder = TimeSpan.FromTicks(options.Period.Ticks / 2);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Seed__AllowInProduction"] = "true",
            ["ConnectionStrings__Incidents"] = $"Data Source={Path.Combine(directory, "incidents.db")}",
            ["Database__Provider"] = "Sqlite",
            ["Hangfire__Storage"] = "InMemory",
            ["Hangfire__SchedulePollingInterval"] = "00:00:00.200",
            ["Seed__Demo"] = "true",
            ["Seed__DemoPassword"] = Password,
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = Password,
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "None",
            ["Email__PickupDirectory"] = Path.Combine(directory, "mail"),
            ["App__PublicUrl"] = $"http://127.0.0.1:{port}/",
            ["RateLimits__ReportsPerMinute"] = "1000000",
            ["RateLimits__SignInPerMinute"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Suspension__Period"] = options.Period.ToString("c", CultureInfo.InvariantCulture),
            ["Suspension__ReminderOffsets__0"] = reminder.ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in options.AppEnvironment)
        {
            environment[key] = value;
        }

        if (options.SqliteBusyTimeout is { } busyTimeout)
        {
            environment["DOTNET_STARTUP_HOOKS"] = Path.Combine(AppContext.BaseDirectory, "Incidents.Bench.dll");
            environment[StartupHook.Variable] = busyTimeout.ToString(CultureInfo.InvariantCulture);
        }

        var watch = Stopwatch.StartNew();
        // The content root is the app's folder (its appsettings.json, as deployed); the working folder is the run's.
        var app = ChildServer.Start("the app", dll, ["--contentRoot", contentRoot], directory, environment, port);
        _children.Add(app);
        await app.WaitReadyAsync(_http, "/health/ready", TimeSpan.FromSeconds(120));
        Log($"app started (pid {app.Id}) on {app.BaseAddress} in {watch.Elapsed.TotalSeconds:0.0} s");
        return (app, watch.Elapsed);
    }

    private async Task<string> LoginAsync(ChildServer app, string email)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(app.BaseAddress, "/api/auth/login"), new { email, password = Password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<TokenResponse>(Json.Options))!.AccessToken;
    }

    private async Task<T> PostAsync<T>(ChildServer app, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(app.BaseAddress, path)) { Content = JsonContent.Create(body, options: Json.Options) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }

    private string TempDirectory(string prefix)
    {
        var path = Directory.CreateTempSubdirectory(prefix).FullName;
        _directories.Add(path);
        return path;
    }

    private void Stop(ChildServer child)
    {
        child.Dispose();
        _children.Remove(child);
    }

    public void Dispose()
    {
        foreach (var child in _children.ToList())
        {
            Stop(child);
        }

        SqliteConnection.ClearAllPools();
        _http.Dispose();
        foreach (var directory in _directories)
        {
            if (options.Keep)
            {
                Log($"kept {directory}");
                continue;
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    public static void Log(string message) =>
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    private sealed record TokenResponse(string AccessToken);

    private sealed record IdResult(Guid Id);

    private sealed record SuspensionCreated(Guid Id, Guid AgreementId, DateTimeOffset StartsAt, DateTimeOffset EndsAt);
}
