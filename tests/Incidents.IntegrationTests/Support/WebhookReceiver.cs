using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace Incidents.IntegrationTests.Support;

/// <summary>
/// A data-transfer system's webhook endpoint in the test process: Kestrel on 127.0.0.1, verifying each request's
/// Standard Webhooks signature with the <c>StandardWebhooks</c> package (the receiver's side) once it knows the secret.
/// While <see cref="Down"/> it answers 500 (an outage); otherwise 200 once per webhook-id, counting duplicates.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app) => _app = app;

    public string? Secret { get; set; }

    public bool Down { get; set; }

    /// <summary>Every request: its webhook-id, the answer given, whether the signature verified, the body.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>Ids answered 200, with how many times each was accepted (more than once is a duplicate the receiver had to drop).</summary>
    public ConcurrentDictionary<string, int> Accepted { get; } = new();

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/incidents", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var id = context.Request.Headers["webhook-id"].ToString();
            bool verified;
            try
            {
                new StandardWebhook(receiver.Secret ?? throw new InvalidOperationException("no secret yet")).Verify(body, context.Request.Headers);
                verified = true;
            }
            catch (Exception)
            {
                verified = false;
            }

            var status = !verified ? 401 : receiver.Down ? 500 : 200;
            receiver.Requests.Enqueue(new Received(id, status, verified, body, context.Request.Headers["webhook-timestamp"].ToString(), context.Request.Headers["webhook-signature"].ToString()));
            if (status == 200)
            {
                receiver.Accepted.AddOrUpdate(id, 1, (_, n) => n + 1);
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hooks/incidents");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(string WebhookId, int Status, bool Verified, string Body, string Timestamp, string Signature);
}
