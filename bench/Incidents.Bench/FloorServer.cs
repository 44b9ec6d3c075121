using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Incidents.Infrastructure.Startup;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Incidents.Bench;

/// <summary>
/// The floor: the same durable work per report with no framework in the way, run as its own child process
/// (`Incidents.Bench.dll --floor-server`) so that it is measured exactly as the app is: over HTTP from the
/// benchmark, on a minimal Kestrel endpoint (no auth, no validation library, no ORM, no job runner). Per report:
/// one SQLite transaction (WAL, the library's default synchronous setting, as the app) inserting the report and
/// one notification row per recipient, then 201; one MailKit send per recipient over one SMTP connection kept
/// open, in the background, to the benchmark's SMTP server.
/// </summary>
internal static class FloorServer
{
    public const string Path = "/floor/incidents";

    public static async Task<int> RunAsync(int port, int smtpPort, string databasePath)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();

        using var store = new FloorStore(databasePath);
        var outbox = Channel.CreateUnbounded<FloorMail>(new UnboundedChannelOptions { SingleReader = true });
        var sender = Task.Run(() => SendLoopAsync(outbox.Reader, smtpPort));

        app.MapGet("/health/live", context =>
        {
            context.Response.StatusCode = 200;
            return Task.CompletedTask;
        });
        // Between closed-loop phases the benchmark drops the emails still queued (the floor takes reports far
        // faster than one SMTP connection can send them; P2 is measured at a paced load instead).
        app.MapPost("/floor/discard", async context =>
        {
            var dropped = 0;
            while (outbox.Reader.TryRead(out _))
            {
                dropped++;
            }

            await context.Response.WriteAsJsonAsync(dropped, Json.Options, context.RequestAborted);
        });
        app.MapPost(Path, async context =>
        {
            var report = await JsonSerializer.DeserializeAsync<FloorReport>(context.Request.Body, Json.Options, context.RequestAborted);
            var reporter = context.Request.Headers["X-Reporter"].ToString();
            if (report is null || string.IsNullOrWhiteSpace(report.Summary) || report.CounterpartyOrganisationId is not { } counterparty
                || !Recipients.TryGetValue(counterparty, out var recipients) || reporter.Length == 0)
            {
                context.Response.StatusCode = 400;
                return;
            }

            var stored = await store.InsertAsync(report, reporter, recipients);
            foreach (var notice in stored.Notified)
            {
                await outbox.Writer.WriteAsync(new FloorMail(notice, stored.Reference, report), context.RequestAborted);
            }

            context.Response.StatusCode = 201;
            await context.Response.WriteAsJsonAsync(stored, Json.Options, context.RequestAborted);
        });

        await app.RunAsync();
        outbox.Writer.TryComplete();
        await sender;
        return 0;
    }

    /// <summary>Who is told, by counterparty: its designated officer and SIL's DPO (the demo data's routing).</summary>
    private static readonly Dictionary<Guid, Notified[]> Recipients = BuildRecipients();

    private static Dictionary<Guid, Notified[]> BuildRecipients()
    {
        var dpo = new Notified(Guid.Empty, "Dana Whitfield", "dpo@sil.test");
        var map = new Dictionary<Guid, Notified[]>
        {
            [DemoData.SilId] = [new Notified(Guid.Empty, "Owen Marsh", "officer@sil.test"), dpo],
        };
        foreach (var (id, _, _, domain, officer, _) in DemoData.Schools)
        {
            map[id] = [new Notified(Guid.Empty, officer, $"officer@{domain}"), dpo];
        }

        return map;
    }

    private static async Task SendLoopAsync(ChannelReader<FloorMail> outbox, int smtpPort)
    {
        using var client = new SmtpClient { Timeout = 10_000 };
        await foreach (var mail in outbox.ReadAllAsync())
        {
            var message = Compose(mail);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (!client.IsConnected)
                    {
                        await client.ConnectAsync("127.0.0.1", smtpPort, SecureSocketOptions.None);
                    }

                    await client.SendAsync(message);
                    break;
                }
                catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.CommandException or System.Net.Sockets.SocketException or TimeoutException)
                {
                    await Console.Error.WriteLineAsync($"floor: sending {message.MessageId} failed (attempt {attempt}): {ex.Message}");
                    if (client.IsConnected)
                    {
                        await client.DisconnectAsync(quit: false);
                    }

                    if (attempt == 5)
                    {
                        break;
                    }

                    await Task.Delay(100);
                }
            }
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true);
        }
    }

    private static MimeMessage Compose(FloorMail mail)
    {
        var r = mail.Report;
        var message = new MimeMessage
        {
            MessageId = $"{mail.Notice.NotificationId:N}@incidents.localhost",
            Subject = $"Incident {mail.Reference} reported: {r.Summary}",
            Body = new TextPart("plain")
            {
                Text = string.Create(CultureInfo.InvariantCulture, $"""
                    Dear {mail.Notice.Name},

                    Incident {mail.Reference} ({r.Kind}) was reported under your information sharing agreement.
                    Discovered: {r.DiscoveredAt:u}
                    Summary: {r.Summary}
                    What happened: {r.Description}
                    Data: {string.Join(", ", r.DataCategories ?? [])}; about {r.ApproximateDataSubjects} people.
                    Done so far: {r.ContainmentActions}
                    """),
            },
        };
        message.From.Add(new MailboxAddress("SIL Incidents", "incidents@incidents.localhost"));
        message.To.Add(new MailboxAddress(mail.Notice.Name, mail.Notice.Email));
        return message;
    }

    private sealed record FloorMail(Notified Notice, string Reference, FloorReport Report);

    /// <summary>One connection, one writer at a time (SQLite has one writer; queueing here costs no busy-retries).</summary>
    private sealed class FloorStore : IDisposable
    {
        private readonly SemaphoreSlim _writer = new(1, 1);
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insertReport;
        private readonly SqliteCommand _insertNotice;
        private int _number;

        public FloorStore(string path)
        {
            _connection = new SqliteConnection($"Data Source={path};Pooling=False");
            _connection.Open();
            using (var setup = _connection.CreateCommand())
            {
                setup.CommandText = """
                    PRAGMA journal_mode=WAL;
                    CREATE TABLE IF NOT EXISTS Reports (
                        Id TEXT NOT NULL PRIMARY KEY, Reference TEXT NOT NULL UNIQUE, Kind TEXT NOT NULL, ReporterEmail TEXT NOT NULL,
                        CounterpartyOrganisationId TEXT NOT NULL, DiscoveredAt INTEGER NOT NULL, ReportedAt INTEGER NOT NULL,
                        Summary TEXT NOT NULL, Description TEXT NOT NULL, DataCategories TEXT NOT NULL, ApproximateDataSubjects INTEGER,
                        ContainmentActions TEXT NOT NULL);
                    CREATE TABLE IF NOT EXISTS Notifications (
                        Id TEXT NOT NULL PRIMARY KEY, ReportId TEXT NOT NULL REFERENCES Reports (Id), RecipientName TEXT NOT NULL,
                        RecipientEmail TEXT NOT NULL, Status TEXT NOT NULL, CreatedAt INTEGER NOT NULL);
                    CREATE INDEX IF NOT EXISTS IX_Notifications_ReportId ON Notifications (ReportId);
                    """;
                setup.ExecuteNonQuery();
            }

            _insertReport = _connection.CreateCommand();
            _insertReport.CommandText = """
                INSERT INTO Reports (Id, Reference, Kind, ReporterEmail, CounterpartyOrganisationId, DiscoveredAt, ReportedAt, Summary, Description, DataCategories, ApproximateDataSubjects, ContainmentActions)
                VALUES ($id, $reference, $kind, $reporter, $counterparty, $discovered, $reported, $summary, $description, $categories, $subjects, $containment)
                """;
            foreach (var name in new[] { "$id", "$reference", "$kind", "$reporter", "$counterparty", "$discovered", "$reported", "$summary", "$description", "$categories", "$subjects", "$containment" })
            {
                _insertReport.Parameters.Add(new SqliteParameter(name, null));
            }

            _insertReport.Prepare();
            _insertNotice = _connection.CreateCommand();
            _insertNotice.CommandText = "INSERT INTO Notifications (Id, ReportId, RecipientName, RecipientEmail, Status, CreatedAt) VALUES ($id, $report, $name, $email, 'Pending', $created)";
            foreach (var name in new[] { "$id", "$report", "$name", "$email", "$created" })
            {
                _insertNotice.Parameters.Add(new SqliteParameter(name, null));
            }

            _insertNotice.Prepare();
        }

        public async Task<FloorStored> InsertAsync(FloorReport r, string reporter, Notified[] recipients)
        {
            await _writer.WaitAsync();
            try
            {
                var now = DateTimeOffset.UtcNow;
                var id = Guid.CreateVersion7(now);
                var reference = string.Create(CultureInfo.InvariantCulture, $"INC-{now.Year}-{++_number:00000}");
                using var transaction = _connection.BeginTransaction();
                _insertReport.Transaction = transaction;
                var p = _insertReport.Parameters;
                p[0].Value = id.ToString().ToUpperInvariant();
                p[1].Value = reference;
                p[2].Value = r.Kind ?? "ConfidentialityBreach";
                p[3].Value = reporter;
                p[4].Value = r.CounterpartyOrganisationId!.Value.ToString().ToUpperInvariant();
                p[5].Value = (r.DiscoveredAt ?? now).UtcTicks;
                p[6].Value = now.UtcTicks;
                p[7].Value = r.Summary!.Trim();
                p[8].Value = r.Description?.Trim() ?? string.Empty;
                p[9].Value = JsonSerializer.Serialize(r.DataCategories ?? []);
                p[10].Value = (object?)r.ApproximateDataSubjects ?? DBNull.Value;
                p[11].Value = r.ContainmentActions?.Trim() ?? string.Empty;
                _insertReport.ExecuteNonQuery();

                var notified = new Notified[recipients.Length];
                _insertNotice.Transaction = transaction;
                for (var i = 0; i < recipients.Length; i++)
                {
                    notified[i] = recipients[i] with { NotificationId = Guid.CreateVersion7(now) };
                    var q = _insertNotice.Parameters;
                    q[0].Value = notified[i].NotificationId.ToString().ToUpperInvariant();
                    q[1].Value = p[0].Value;
                    q[2].Value = notified[i].Name;
                    q[3].Value = notified[i].Email;
                    q[4].Value = now.UtcTicks;
                    _insertNotice.ExecuteNonQuery();
                }

                transaction.Commit();
                return new FloorStored(id, reference, notified);
            }
            finally
            {
                _writer.Release();
            }
        }

        public void Dispose()
        {
            _insertReport.Dispose();
            _insertNotice.Dispose();
            _connection.Dispose();
            _writer.Dispose();
        }
    }

    private sealed record FloorStored(Guid Id, string Reference, IReadOnlyList<Notified> Notified);

    private sealed record FloorReport(
        string? Kind,
        Guid? CounterpartyOrganisationId,
        DateTimeOffset? DiscoveredAt,
        string? Summary,
        string? Description,
        IReadOnlyList<string>? DataCategories,
        int? ApproximateDataSubjects,
        string? ContainmentActions);
}
