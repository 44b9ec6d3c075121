using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Incidents.Bench;

/// <summary>Who reports, and the body they send (the same breach every time, as the tests' Api.Breach).</summary>
internal sealed record Reporter(string Email, string? Token, Guid Counterparty)
{
    public byte[] Body { get; } = JsonSerializer.SerializeToUtf8Bytes(new
    {
        kind = "ConfidentialityBreach",
        counterpartyOrganisationId = Counterparty,
        discoveredAt = DateTimeOffset.UtcNow.AddHours(-1),
        summary = "Class list emailed to the wrong parent",
        description = "A spreadsheet with names and UPNs of a Year 4 class was sent to one parent by mistake.",
        dataCategories = new[] { "Names", "Upn" },
        approximateDataSubjects = 28,
        containmentActions = "The parent was asked to delete it and confirmed by phone.",
    }, Json.Options);
}

/// <summary>One POST: when it started and ended (Stopwatch ticks), its status, and the notices it promised.</summary>
internal sealed record Sample(long Start, long End, int Status, Guid Id, Guid[] Notifications, string? Error)
{
    public double Milliseconds => (End - Start) * 1000.0 / Stopwatch.Frequency;
}

internal sealed record LoadResult(int Concurrency, TimeSpan Elapsed, IReadOnlyList<Sample> Samples, CpuUse Cpu, long PeakWorkingSet)
{
    public IEnumerable<Sample> Created => Samples.Where(s => s.Status == 201);

    public int Errors => Samples.Count(s => s.Status != 201);

    public Distribution Latency => new(Created.Select(s => s.Milliseconds));

    public double Throughput => Created.Count() / Elapsed.TotalSeconds;

    /// <summary>The share of answered reports that took at least this long.</summary>
    public double ShareAtLeast(double milliseconds) => Created.Any() ? Created.Count(s => s.Milliseconds >= milliseconds) / (double)Created.Count() : double.NaN;

    public string ErrorSummary => Errors == 0
        ? "none"
        : string.Join(", ", Samples.Where(s => s.Status != 201).GroupBy(s => s.Status == 0 ? s.Error ?? "exception" : s.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Select(g => $"{g.Key} ×{g.Count()}"));

    /// <summary>From the POST to the last of its emails at the SMTP server, for every report whose emails all arrived.</summary>
    public (Distribution Latency, int Undelivered) Delivery(RecordingSmtpServer smtp)
    {
        var done = new List<double>();
        var undelivered = 0;
        foreach (var sample in Created)
        {
            long last = 0;
            var all = true;
            foreach (var id in sample.Notifications)
            {
                if (smtp.TryGet(id, out var arrival))
                {
                    last = Math.Max(last, arrival.Timestamp);
                }
                else
                {
                    all = false;
                }
            }

            if (all && sample.Notifications.Length > 0)
            {
                done.Add((last - sample.Start) * 1000.0 / Stopwatch.Frequency);
            }
            else
            {
                undelivered++;
            }
        }

        return (new Distribution(done), undelivered);
    }
}

/// <summary>Closed-loop reporters: each sends a report, waits for the answer, and sends the next, for a fixed time.</summary>
internal static class Load
{
    public static async Task<LoadResult> RunAsync(HttpClient http, Uri url, IReadOnlyList<Reporter> reporters, int concurrency, TimeSpan duration, ChildServer server)
    {
        var cpu = CpuWindow.Start(() => server.HasExited ? null : server.Id);
        await using var memory = new MemorySampler(server);
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var reporter = reporters[i % reporters.Count];
            var samples = new List<Sample>(4096);
            while (watch.Elapsed < duration)
            {
                samples.Add(await PostAsync(http, url, reporter));
            }

            return samples;
        })).ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(s => s).OrderBy(s => s.Start).ToList();
        var elapsed = watch.Elapsed;
        return new LoadResult(concurrency, elapsed, all, cpu.Stop(), memory.Peak);
    }

    /// <summary>
    /// Paced reporters: <paramref name="concurrency"/> reporters together send <paramref name="perSecond"/> reports a
    /// second, each on its own schedule (staggered); a reporter whose answer comes late sends its next at once.
    /// </summary>
    public static async Task<LoadResult> RunPacedAsync(HttpClient http, Uri url, IReadOnlyList<Reporter> reporters, int concurrency, double perSecond, TimeSpan duration, ChildServer server)
    {
        var cpu = CpuWindow.Start(() => server.HasExited ? null : server.Id);
        await using var memory = new MemorySampler(server);
        var interval = TimeSpan.FromSeconds(concurrency / perSecond);
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(i => Task.Run(async () =>
        {
            var reporter = reporters[i % reporters.Count];
            var samples = new List<Sample>();
            for (var next = interval * i / concurrency; next < duration; next += interval)
            {
                if (next > watch.Elapsed)
                {
                    await Task.Delay(next - watch.Elapsed);
                }

                samples.Add(await PostAsync(http, url, reporter));
            }

            return samples;
        })).ToList();
        var all = (await Task.WhenAll(workers)).SelectMany(s => s).OrderBy(s => s.Start).ToList();
        return new LoadResult(concurrency, watch.Elapsed, all, cpu.Stop(), memory.Peak);
    }

    public static async Task<Sample> PostAsync(HttpClient http, Uri url, Reporter reporter)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(reporter.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        if (reporter.Token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", reporter.Token);
        }

        request.Headers.Add("X-Reporter", reporter.Email);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var end = Stopwatch.GetTimestamp();
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return new Sample(start, end, (int)response.StatusCode, Guid.Empty, [], null);
            }

            var created = JsonSerializer.Deserialize<Reported>(body, Json.Options);
            return new Sample(start, end, 201, created?.Id ?? Guid.Empty, created?.Notified.Select(n => n.NotificationId).ToArray() ?? [], null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or IOException)
        {
            return new Sample(start, Stopwatch.GetTimestamp(), 0, Guid.Empty, [], ex.GetType().Name);
        }
    }
}

internal sealed record Reported(Guid Id, string Reference, IReadOnlyList<Notified> Notified);

internal sealed record Notified(Guid NotificationId, string Name, string Email);

internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
