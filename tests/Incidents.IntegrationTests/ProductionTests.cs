using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.InMemory;
using Incidents.Domain.Notifications;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incidents.IntegrationTests;

/// <summary>What an operator relies on: several nodes, the jobs dashboard, rate limits, health, security headers.</summary>
public sealed class ProductionTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task Two_nodes_on_one_database_and_one_job_storage_send_every_notice_exactly_once()
    {
        var directory = Directory.CreateTempSubdirectory("incidents-nodes-").FullName;
        var storage = new Lazy<JobStorage>(() => new InMemoryStorage(new InMemoryStorageOptions()));
        try
        {
            // One storage for both nodes, made once this host's Hangfire configuration is in place.
            void Shared(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<JobStorage>(sp =>
            {
                sp.GetRequiredService<IGlobalConfiguration>();
                return storage.Value;
            }));
            await using var node1 = new IncidentsApp(_smtp, directory, services: Shared);
            await using var node2 = new IncidentsApp(_smtp, directory, services: Shared);
            var clients = new[]
            {
                await node1.SignInAsync("staff@merseyvale.test"),
                await node2.SignInAsync("staff@brambledown.test"),
                await node1.SignInAsync("staff@kestrelheights.test"),
                await node2.SignInAsync("staff@sil.test"),
            };
            var counterparties = new[] { DemoData.SilId, DemoData.SilId, DemoData.SilId, DemoData.MerseyValeId };

            var results = new List<Application.Features.Incidents.ReportIncidentResult>();
            for (var batch = 0; batch < 20; batch++)
            {
                results.AddRange(await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
                    clients[i % 4].ReportAsync(Api.Breach(counterparty: counterparties[i % 4])))));
            }

            Assert.Equal(200, results.Select(r => r.Reference).Distinct().Count());
            // Four notices a report: the counterparty's officer, SIL's DPO, the reporter's own officer, the reporter's receipt.
            await _smtp.WaitForAsync(800, timeout: TimeSpan.FromSeconds(120));
            await Wait.UntilAsync(() => node1.WithDbAsync(db => db.Notifications.CountAsync(n => n.Status != NotificationStatus.Sent)), c => c == 0,
                TimeSpan.FromSeconds(60), "every notice marked sent");
            await Task.Delay(1000);
            var ids = _smtp.Messages.Select(m => m.MessageId).ToList();
            Assert.Equal(800, ids.Count);
            Assert.Equal(800, ids.Distinct().Count());

            // A token issued by one node is accepted by the other (one key ring in the database).
            var token = clients[0].DefaultRequestHeaders.Authorization;
            var other = node2.CreateClient();
            other.DefaultRequestHeaders.Authorization = token;
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/incidents")).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            IncidentsApp.TryDelete(directory);
        }
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_the_dpo_and_admins_only()
    {
        await using var app = new IncidentsApp(_smtp);
        var staff = await CookieAsync(app, "staff@merseyvale.test");
        var officer = await CookieAsync(app, "officer@sil.test");
        var dpo = await CookieAsync(app, "dpo@sil.test");
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.StartsWith("/account/access-denied", (await staff.GetAsync("/jobs")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.StartsWith("/account/access-denied", (await officer.GetAsync("/jobs")).Headers.Location!.OriginalString, StringComparison.Ordinal);
        var unauthenticated = await anonymous.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.Redirect, unauthenticated.StatusCode);
        Assert.StartsWith("/account/sign-in", unauthenticated.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var page = await anonymous.GetAsync("/incidents");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/sign-in", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var bearer = await app.SignInAsync("dpo@sil.test");
        Assert.DoesNotContain("SIL Incidents jobs", await (await bearer.GetAsync("/jobs")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var dashboard = await dpo.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("SIL Incidents jobs", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpClient> CookieAsync(IncidentsApp app, string email)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = IncidentsApp.DemoPassword });
        login.EnsureSuccessStatusCode();
        return client;
    }

    [Fact]
    public async Task Too_many_sign_in_attempts_get_429_with_retry_after()
    {
        await using var app = new IncidentsApp(_smtp, settings: new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
        var client = app.CreateClient();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.org", password = "wrong-password-" + i }));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.True(answers[3].Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is set");
    }

    [Fact]
    public async Task Readiness_is_degraded_not_dead_when_only_smtp_is_down()
    {
        var port = _smtp.Port;
        await _smtp.DisposeAsync();
        await using var app = new IncidentsApp(smtp: null, settings: new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var ready = await (await app.SignInAsync("dpo@sil.test")).GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", body.RootElement.GetProperty("status").GetString());
        var smtp = body.RootElement.GetProperty("checks").GetProperty("smtp");
        Assert.Equal("Degraded", smtp.GetProperty("status").GetString());
        Assert.Contains("Cannot be reached", smtp.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("{\"status\":\"Degraded\"}", await app.CreateClient().GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task Notices_sent_are_counted_in_the_products_metrics_with_telemetry_export_on()
    {
        var sent = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Application.Common.IncidentsMetrics.MeterName && instrument.Name == "incidents.notifications.sent")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "type")
                {
                    sent.Add($"{tag.Value}:{value}");
                }
            }
        });
        listener.Start();
        // An OTLP endpoint nobody listens on: export fails quietly, the product carries on.
        await using var app = new IncidentsApp(_smtp, settings: new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" });
        var staff = await app.SignInAsync("staff@merseyvale.test");

        await staff.ReportAsync(Api.Breach());

        await _smtp.WaitForAsync(4);
        await Wait.UntilAsync(() => Task.FromResult(sent.Count), c => c >= 4, what: "four sent measurements");
        Assert.Equal(["IncidentReceipt:1", "IncidentReported:1", "IncidentReported:1", "IncidentReported:1"], sent.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Responses_carry_security_headers()
    {
        await using var app = new IncidentsApp(_smtp);

        var response = await app.CreateClient().GetAsync("/health/live");

        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
