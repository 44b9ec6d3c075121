using System.Globalization;
using System.Text;

namespace Incidents.Bench;

/// <summary>Report → all of its emails at the SMTP server; Missing is how many emails had not arrived when the wait ended.</summary>
internal sealed record Delivery(Distribution Latency, int Undelivered, int Missing, TimeSpan Drain);

internal sealed record TimerResult(int Count, Distribution Fired, Distribution Email, Distribution Reminders, int NotEnded, int Early, int EmailsMissing, CpuUse Cpu);

internal sealed record ReadResult(Distribution Latency, int Errors)
{
    public override string ToString() => $"{Latency}{(Errors > 0 ? $", {Errors} errors" : string.Empty)}";
}

/// <summary>The register export in P4: what came, how long it took, and the app's memory meanwhile.</summary>
internal sealed record ExportResult(long Bytes, long Rows, TimeSpan Took, long WorkingSetBefore, long PeakWorkingSet, long PeakResident)
{
    /// <summary>The bound of issue 15: the app's peak during the export at most this much over its working set before.</summary>
    public const long BoundBytes = 100L * 1024 * 1024;

    public string Format { get; init; } = "csv";

    public long Growth => PeakWorkingSet - WorkingSetBefore;

    public bool WithinBound => Growth <= BoundBytes;

    public override string ToString() =>
        $"register export ({Format}) {(Rows >= 0 ? $"{Rows:N0} rows, " : string.Empty)}{Incidents.Bench.Format.Mb(Bytes)} in {Took.TotalSeconds:0.0} s; working set before {Incidents.Bench.Format.Mb(WorkingSetBefore)}, peak {Incidents.Bench.Format.Mb(PeakWorkingSet)} (+{Incidents.Bench.Format.Mb(Growth)}; bound +{Incidents.Bench.Format.Mb(BoundBytes)}: {(WithinBound ? "met" : "MISSED")}), VmHWM {Incidents.Bench.Format.Mb(PeakResident)}";
}

internal sealed class Results
{
    public string Command { get; init; } = string.Empty;
    public string Machine { get; init; } = string.Empty;
    public string LoadBefore { get; init; } = string.Empty;
    public string LoadAfter { get; set; } = string.Empty;
    public TimeSpan Took { get; set; }
    public List<string> Failures { get; } = [];

    public TimeSpan AppStartup { get; set; }
    public string JournalMode { get; set; } = "?";
    public string Synchronous { get; init; } = "?";
    public LoadResult? AppP1x1 { get; set; }
    public LoadResult? AppP1x16 { get; set; }
    public Delivery? AppBacklog1 { get; set; }
    public Delivery? AppBacklog16 { get; set; }
    public int AppEmailsOwed16 { get; set; }
    public int AppEmailsSent16 { get; set; }
    public LoadResult? AppP2LightLoad { get; set; }
    public LoadResult? AppP2BusyLoad { get; set; }
    public Delivery? AppP2Light { get; set; }
    public Delivery? AppP2Busy { get; set; }
    public long AppIdleWorkingSet { get; set; }
    public long AppPeakWorkingSet { get; set; }
    public long AppPeakResident { get; set; }
    public int AppErrorLines { get; set; }

    public LoadResult? FloorP1x1 { get; set; }
    public LoadResult? FloorP1x16 { get; set; }
    public LoadResult? FloorP2LightLoad { get; set; }
    public LoadResult? FloorP2BusyLoad { get; set; }
    public Delivery? FloorP2Light { get; set; }
    public Delivery? FloorP2Busy { get; set; }
    public int FloorDiscarded { get; set; }
    public long FloorPeakWorkingSet { get; set; }
    public long FloorPeakResident { get; set; }

    public TimerResult? Timers { get; set; }

    public TimeSpan SeedTook { get; set; }
    public long DatabaseBytes { get; set; }
    public TimeSpan AppStartupLarge { get; set; }
    public ReadResult? Triage { get; set; }
    public ReadResult? Incident { get; set; }
    public ReadResult? List { get; set; }
    public List<(int Open, ReadResult Result)> TriageScale { get; } = [];
    public CpuUse? ReadCpu { get; set; }
    public long ReadPeakResident { get; set; }
    public ExportResult? Export { get; set; }
    public ExportResult? ExportXlsx { get; set; }
    public List<Guid> SeededOpen { get; set; } = [];
    public List<Guid> SeededClosed { get; set; } = [];

    public long SmtpAccepted { get; set; }
    public long SmtpDuplicates { get; set; }
}

/// <summary>Prints the figures as a Markdown table (ready for docs/performance.md) and the targets met or missed.</summary>
internal static class Report
{
    private const double Mb = 1024 * 1024;
    public static void Print(Results r, BenchOptions o)
    {
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"## Incidents benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine();
        if (!o.AsShipped)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"**WHAT-IF run, not the product as shipped:** {string.Join(", ", o.AppEnvironment.Select(e => $"{e.Key}={e.Value}"))}{(o.SqliteBusyTimeout is { } b ? $" PRAGMA busy_timeout={b} on every app connection (startup hook)" : string.Empty)}");
            s.AppendLine();
        }

        s.AppendLine(CultureInfo.InvariantCulture, $"- command: `{r.Command}` (took {r.Took.TotalMinutes:0.0} min)");
        s.AppendLine(CultureInfo.InvariantCulture, $"- machine: {r.Machine}; load average before {r.LoadBefore}, after {r.LoadAfter}");
        s.AppendLine(CultureInfo.InvariantCulture, $"- app: Release Incidents.Web.dll as a child process, Kestrel on 127.0.0.1, SQLite file (journal_mode={r.JournalMode}), in-memory Hangfire, SMTP to 127.0.0.1 (in the benchmark's process); floor: the benchmark's own minimal Kestrel endpoint in a child process, called over HTTP the same way (SQLite synchronous={r.Synchronous} on both: neither sets it, so both get Microsoft.Data.Sqlite's default)");
        s.AppendLine(CultureInfo.InvariantCulture, $"- P1 phases {o.Phase.TotalSeconds:0} s each, closed loop, after a {o.Warmup.TotalSeconds:0} s warm-up; P2 phases {o.PacedPhase.TotalSeconds:0} s each at a paced load (1 reporter at {Format.Number(BenchOptions.LightRate)} reports/s; 16 reporters at {Format.Number(o.BusyRate)} reports/s in all), before the P1 phases; P3 {o.Suspensions} suspensions started over {o.Spread.TotalSeconds:0} s, Suspension:Period {o.Period.TotalSeconds:0} s; P4 {o.Incidents:N0} incidents, {o.Open} open");
        s.AppendLine();
        s.AppendLine("| figure | app | floor | app ÷ floor |");
        s.AppendLine("|---|---:|---:|---:|");

        void Row(string figure, string app, string floor = "—", string ratio = "—") =>
            s.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {app} | {floor} | {ratio} |");

        void Latencies(string name, Distribution? app, Distribution? floor)
        {
            Row($"{name} p50", Format.Ms(app?.P50 ?? double.NaN), floor is null ? "—" : Format.Ms(floor.P50), Format.Ratio(app?.P50 ?? double.NaN, floor?.P50 ?? double.NaN));
            Row($"{name} p99", Format.Ms(app?.P99 ?? double.NaN), floor is null ? "—" : Format.Ms(floor.P99), Format.Ratio(app?.P99 ?? double.NaN, floor?.P99 ?? double.NaN));
            Row($"{name} max", Format.Ms(app?.Max ?? double.NaN), floor is null ? "—" : Format.Ms(floor.Max), Format.Ratio(app?.Max ?? double.NaN, floor?.Max ?? double.NaN));
        }

        foreach (var (label, app, floor) in new[] { ("1 reporter", r.AppP1x1, r.FloorP1x1), ("16 reporters", r.AppP1x16, r.FloorP1x16) })
        {
            if (app is null && floor is null)
            {
                continue;
            }

            Latencies($"P1 POST /api/incidents → 201, {label}:", app?.Latency, floor?.Latency);
            Row($"P1 throughput, {label}", app is null ? "n/a" : Format.Rate(app.Throughput), floor is null ? "—" : Format.Rate(floor.Throughput),
                Format.Ratio(app?.Throughput ?? double.NaN, floor?.Throughput ?? double.NaN));
            Row($"P1 errors, {label}", app is null ? "n/a" : $"{app.Errors} of {app.Samples.Count}", floor is null ? "—" : $"{floor.Errors} of {floor.Samples.Count}");
            Row($"P1 share of reports taking ≥ 150 ms, {label}", app is null ? "n/a" : Percent(app.ShareAtLeast(150)), floor is null ? "—" : Percent(floor.ShareAtLeast(150)));
        }

        var light = $"1 reporter at {Format.Number(BenchOptions.LightRate)}/s";
        var busy = $"16 reporters at {Format.Number(o.BusyRate)}/s";
        foreach (var (label, app, floor, appLoad, floorLoad) in new[]
                 {
                     (light, r.AppP2Light, r.FloorP2Light, r.AppP2LightLoad, r.FloorP2LightLoad),
                     (busy, r.AppP2Busy, r.FloorP2Busy, r.AppP2BusyLoad, r.FloorP2BusyLoad),
                 })
        {
            if (app is null && floor is null)
            {
                continue;
            }

            Latencies($"P2 report → last email at SMTP, {label}:", app?.Latency, floor?.Latency);
            Row($"P2 reports whose emails did not all arrive, {label}", app is null ? "n/a" : $"{app.Undelivered} of {app.Latency.Count + app.Undelivered}",
                floor is null ? "—" : $"{floor.Undelivered} of {floor.Latency.Count + floor.Undelivered}");
            Row($"P1 POST → 201 during that paced load, {label}: p50 / p99",
                appLoad is null ? "n/a" : $"{Format.Ms(appLoad.Latency.P50)} / {Format.Ms(appLoad.Latency.P99)}",
                floorLoad is null ? "—" : $"{Format.Ms(floorLoad.Latency.P50)} / {Format.Ms(floorLoad.Latency.P99)}");
        }

        if (r.AppBacklog1 is { } backlog)
        {
            Row("P2 during the saturated P1 run, 1 reporter (app only): p50 / p99",
                $"{Format.Ms(backlog.Latency.P50)} / {Format.Ms(backlog.Latency.P99)}");
            Row("email backlog cleared after that run, 1 reporter (app only)",
                $"{Format.Ms(backlog.Drain.TotalMilliseconds)}{(backlog.Missing > 0 ? $", {backlog.Missing} still missing" : string.Empty)}");
        }

        if (r.AppP1x16 is { } saturated && r.AppEmailsOwed16 > 0)
        {
            Row("emails sent during the saturated P1 run, 16 reporters (app only)",
                $"{r.AppEmailsSent16:N0} of {r.AppEmailsOwed16:N0} ({Format.Rate(r.AppEmailsSent16 / saturated.Elapsed.TotalSeconds)} against {Format.Rate(r.AppEmailsOwed16 / saturated.Elapsed.TotalSeconds)} owed)");
        }

        if (r.AppBacklog16 is { } backlog16)
        {
            Row("email backlog cleared after that run, 16 reporters (app only)",
                $"{Format.Ms(backlog16.Drain.TotalMilliseconds)}{(backlog16.Missing > 0 ? $", {backlog16.Missing} still missing" : string.Empty)}");
        }

        if (r.Timers is { } t)
        {
            Latencies("P3 reinstatement lateness (EndedAt − EndsAt):", t.Fired, null);
            Latencies("P3 reinstatement email at SMTP − EndsAt:", t.Email, null);
            Latencies("P3 reminder lateness (FiredAt − DueAt):", t.Reminders, null);
            Row("P3 suspensions not ended / ended early", $"{t.NotEnded} / {t.Early} of {t.Count}");
        }

        if (r.Triage is not null)
        {
            Row($"P4 GET /api/triage ({r.Triage.Latency.Count} calls, {r.Triage.Errors} errors) p50 / p99", $"{Format.Ms(r.Triage.Latency.P50)} / {Format.Ms(r.Triage.Latency.P99)}");
            Row($"P4 GET /api/incidents/{{id}} ({r.Incident!.Latency.Count} calls, {r.Incident.Errors} errors) p50 / p99", $"{Format.Ms(r.Incident.Latency.P50)} / {Format.Ms(r.Incident.Latency.P99)}");
            Row($"P4 GET /api/incidents?page=1 ({r.List!.Latency.Count} calls, {r.List.Errors} errors) p50 / p99", $"{Format.Ms(r.List.Latency.P50)} / {Format.Ms(r.List.Latency.P99)}");
            foreach (var (open, result) in r.TriageScale)
            {
                Row($"P4 GET /api/triage with {open:N0} open ({result.Latency.Count} calls) p50 / p99", $"{Format.Ms(result.Latency.P50)} / {Format.Ms(result.Latency.P99)}");
            }
        }

        foreach (var e in new[] { r.Export, r.ExportXlsx }.OfType<ExportResult>())
        {
            Row($"P4 GET /api/register/export?format={e.Format}, every incident ({(e.Rows >= 0 ? $"{e.Rows:N0} rows, " : string.Empty)}{Format.Mb(e.Bytes)}): time", $"{e.Took.TotalSeconds:0.0} s");
            Row($"P4 app working set during the {e.Format} export: before / peak (VmHWM of the export); bound: growth ≤ {Format.Mb(ExportResult.BoundBytes)}",
                $"{Format.Mb(e.WorkingSetBefore)} / {Format.Mb(e.PeakWorkingSet)} ({Format.Mb(e.PeakResident)}); +{Format.Mb(e.Growth)} {(e.WithinBound ? "met" : "MISSED")}");
        }

        if (r.AppP1x1 is not null || r.FloorP1x1 is not null)
        {
            Row("P5 peak working set during P1 (sampled every 100 ms)", Format.Mb(r.AppPeakWorkingSet), Format.Mb(r.FloorPeakWorkingSet),
                Format.Ratio(r.AppPeakWorkingSet, r.FloorPeakWorkingSet));
            Row("P5 working set when started, idle (app only)", Format.Mb(r.AppIdleWorkingSet));
            Row("P5 peak resident set since start (VmHWM)", Format.Mb(r.AppPeakResident), Format.Mb(r.FloorPeakResident),
                Format.Ratio(r.AppPeakResident, r.FloorPeakResident));
        }

        s.AppendLine();
        s.AppendLine("CPU while measuring (share of all cores; \"other processes\" is interference from outside the benchmark):");
        s.AppendLine();
        void Cpu(string phase, CpuUse? use)
        {
            if (use is not null)
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"- {phase}: {use}");
            }
        }

        Cpu("app P1, 1 reporter", r.AppP1x1?.Cpu);
        Cpu("app P1, 16 reporters", r.AppP1x16?.Cpu);
        Cpu("floor P1, 1 reporter", r.FloorP1x1?.Cpu);
        Cpu("floor P1, 16 reporters", r.FloorP1x16?.Cpu);
        Cpu("app P3", r.Timers?.Cpu);
        Cpu("app P4 reads", r.ReadCpu);
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Other facts: the floor took reports faster than its one SMTP connection could send them, so {r.FloorDiscarded:N0} queued emails of its closed-loop P1 runs were dropped unsent (P2 is measured at paced loads); app start-up {r.AppStartup.TotalSeconds:0.0} s on an empty database, {r.AppStartupLarge.TotalSeconds:0.0} s on {o.Incidents:N0} incidents ({Format.Mb(r.DatabaseBytes)}, inserted in {r.SeedTook.TotalSeconds:0.0} s); app log lines at Error during P1: {r.AppErrorLines}; SMTP messages accepted {r.SmtpAccepted:N0}, duplicates {r.SmtpDuplicates}; app resident peak during P4 {Format.Mb(r.ReadPeakResident)}.");
        s.AppendLine();
        s.AppendLine("### Targets");
        s.AppendLine();
        foreach (var line in Targets(r, o))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        s.AppendLine();
        s.AppendLine("### Issue 16's targets (ratios to the floor in this run)");
        s.AppendLine();
        foreach (var line in Issue16Targets(r))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        foreach (var failure in r.Failures)
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"- FAILED: {failure}");
        }

        Console.WriteLine(s.ToString());
    }

    private static string Percent(double share) => double.IsNaN(share) ? "n/a" : (100 * share).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    /// <summary>Issue 16's targets: each figure as a ratio to the floor measured in the same run, plus three absolutes.</summary>
    private static IEnumerable<string> Issue16Targets(Results r)
    {
        static string Ratio(string what, double app, double floor, double limit, bool atLeast = false)
        {
            if (double.IsNaN(app) || double.IsNaN(floor) || floor <= 0)
            {
                return $"{what}: not measured";
            }

            var ratio = app / floor;
            var met = atLeast ? ratio >= limit : ratio <= limit;
            var sign = atLeast ? "≥" : "≤";
            return $"{what}: {ratio.ToString("0.0#", CultureInfo.InvariantCulture)}× (target {sign} {limit.ToString("0.0", CultureInfo.InvariantCulture)}×) — **{(met ? "met" : "missed")}**";
        }

        if (r.AppP1x1 is { } a1 && r.FloorP1x1 is { } f1)
        {
            yield return Ratio("P1 p50, 1 reporter", a1.Latency.P50, f1.Latency.P50, 3);
            yield return Ratio("P1 p99, 1 reporter", a1.Latency.P99, f1.Latency.P99, 3);
        }

        if (r.AppP1x16 is { } a16 && r.FloorP1x16 is { } f16)
        {
            yield return Ratio("P1 p50, 16 reporters", a16.Latency.P50, f16.Latency.P50, 2);
            yield return Ratio("P1 p99, 16 reporters", a16.Latency.P99, f16.Latency.P99, 2);
            yield return Ratio("P1 throughput, 16 reporters (app ÷ floor)", a16.Throughput, f16.Throughput, 0.5, atLeast: true);
        }

        foreach (var (label, app, floor) in new[] { ("1 reporter", r.AppP2Light, r.FloorP2Light), ("16 reporters", r.AppP2Busy, r.FloorP2Busy) })
        {
            if (app is not null && floor is not null)
            {
                yield return Ratio($"P2 p50, paced, {label}", app.Latency.P50, floor.Latency.P50, 3);
                yield return Ratio($"P2 p99, paced, {label}", app.Latency.P99, floor.Latency.P99, 3);
            }
        }

        foreach (var (label, backlog) in new[] { ("1 reporter", r.AppBacklog1), ("16 reporters", r.AppBacklog16) })
        {
            if (backlog is not null)
            {
                var seconds = backlog.Drain.TotalSeconds;
                yield return backlog.Missing == 0 && seconds <= 2
                    ? $"email backlog after the saturated run, {label}: cleared in {seconds.ToString("0.0#", CultureInfo.InvariantCulture)} s (target ≤ 2 s) — **met**"
                    : $"email backlog after the saturated run, {label}: {(backlog.Missing > 0 ? $"{backlog.Missing} still missing after" : "cleared in")} {seconds.ToString("0.0#", CultureInfo.InvariantCulture)} s (target ≤ 2 s) — **missed**";
            }
        }

        if (r.TriageScale.Count > 0)
        {
            var (open, largest) = r.TriageScale.MaxBy(t => t.Open);
            var p99 = largest.Latency.P99;
            yield return $"P4 GET /api/triage p99 with {open:N0} open: {Format.Ms(p99)} (target ≤ 50 ms) — **{(p99 <= 50 ? "met" : "missed")}**";
        }

        if (r.AppP1x1 is not null && r.FloorP1x1 is not null)
        {
            yield return Ratio("P5 peak working set during P1", r.AppPeakWorkingSet, r.FloorPeakWorkingSet, 1.2);
        }
    }

    private static IEnumerable<string> Targets(Results r, BenchOptions o)
    {
        static string AtMost(string what, double value, double limit, Func<double, string> format) =>
            double.IsNaN(value) ? $"{what}: not measured"
            : value <= limit ? $"{what}: {format(value)} ≤ {format(limit)} — **met**"
            : $"{what}: {format(value)} > {format(limit)} — **missed** by {format(value - limit)} ({(value / limit).ToString("0.0", CultureInfo.InvariantCulture)}× the target)";

        static string Within(string what, double app, double floor) =>
            double.IsNaN(app) || double.IsNaN(floor) || floor <= 0 ? $"{what}: not measured"
            : app / floor <= 1.5 ? $"{what}: {Format.Ratio(app, floor)} the floor ≤ 1.5× — **met**"
            : $"{what}: {Format.Ratio(app, floor)} the floor > 1.5× — **missed**";

        if (r.AppP1x16 is { } p1)
        {
            yield return AtMost("P1 p99 at 16 reporters ≤ 25 ms", p1.Latency.P99, 25, Format.Ms);
            yield return p1.Errors == 0 ? "P1 no errors at 16 reporters: 0 errors — **met**" : $"P1 no errors at 16 reporters: {p1.Errors} errors ({p1.ErrorSummary}) — **missed**";
        }

        if (r.AppP2Light is { } d1)
        {
            yield return AtMost($"P2 p99 ≤ 1 s, 1 reporter at {Format.Number(BenchOptions.LightRate)}/s", d1.Latency.P99, 1000, Format.Ms);
        }

        if (r.AppP2Busy is { } d16)
        {
            yield return AtMost($"P2 p99 ≤ 1 s, 16 reporters at {Format.Number(o.BusyRate)}/s", d16.Latency.P99, 1000, Format.Ms);
        }

        if (r.Timers is { } t)
        {
            yield return AtMost("P3 reinstatement lateness p99 ≤ 2 s", t.Fired.P99, 2000, Format.Ms);
        }

        if (r.Triage is { } triage)
        {
            yield return AtMost($"P4 GET /api/triage p99 ≤ 50 ms", triage.Latency.P99, 50, Format.Ms);
            yield return AtMost($"P4 GET /api/incidents/{{id}} p99 ≤ 50 ms", r.Incident!.Latency.P99, 50, Format.Ms);
        }

        if (r.AppP1x1 is not null)
        {
            yield return AtMost("P5 peak working set ≤ 300 MB", r.AppPeakWorkingSet / Mb, 300, v => v.ToString("0", CultureInfo.InvariantCulture) + " MB");
        }

        if (r.AppP1x1 is { } a1 && r.FloorP1x1 is { } f1 && r.AppP1x16 is { } a16 && r.FloorP1x16 is { } f16)
        {
            yield return Within("P1 p50 within 1.5× the floor, 1 reporter", a1.Latency.P50, f1.Latency.P50);
            yield return Within("P1 p99 within 1.5× the floor, 1 reporter", a1.Latency.P99, f1.Latency.P99);
            yield return Within("P1 p50 within 1.5× the floor, 16 reporters", a16.Latency.P50, f16.Latency.P50);
            yield return Within("P1 p99 within 1.5× the floor, 16 reporters", a16.Latency.P99, f16.Latency.P99);
            yield return Within("P1 throughput within 1.5× the floor, 16 reporters (floor ÷ app)", f16.Throughput, a16.Throughput);
        }

        if (r.AppP2Light is { } ad1 && r.FloorP2Light is { } fd1)
        {
            yield return Within("P2 p50 within 1.5× the floor, 1 reporter", ad1.Latency.P50, fd1.Latency.P50);
            yield return Within("P2 p99 within 1.5× the floor, 1 reporter", ad1.Latency.P99, fd1.Latency.P99);
        }

        if (r.AppP2Busy is { } ad16 && r.FloorP2Busy is { } fd16)
        {
            yield return Within("P2 p50 within 1.5× the floor, 16 reporters", ad16.Latency.P50, fd16.Latency.P50);
            yield return Within("P2 p99 within 1.5× the floor, 16 reporters", ad16.Latency.P99, fd16.Latency.P99);
        }
    }
}
