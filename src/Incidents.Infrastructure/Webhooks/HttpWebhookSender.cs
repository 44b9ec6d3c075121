using System.Net;
using System.Net.Sockets;
using System.Text;
using Incidents.Application.Features.Webhooks;
using StandardWebhooks;

namespace Incidents.Infrastructure.Webhooks;

/// <summary>
/// Sends one webhook as the Standard Webhooks specification says: <c>webhook-id</c>, <c>webhook-timestamp</c> (Unix
/// seconds, this attempt) and <c>webhook-signature</c> (<c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>,
/// signed by the <c>StandardWebhooks</c> package). Redirects are never followed (a 3xx is a failed attempt), no proxy is
/// used, the whole request has <see cref="WebhookSettings.Timeout"/>, and every address a name resolves to is checked
/// when connecting, so a name that resolves inside (DNS rebinding) is refused too (<see cref="WebhookTargets"/>).
/// </summary>
internal sealed class HttpWebhookSender : IWebhookSender, IDisposable
{
    private readonly HttpClient _client;

    public HttpWebhookSender(WebhookSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = settings.Timeout,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
                var allowed = settings.PrivateTargetsAllowed ? addresses : addresses.Where(a => !WebhookTargets.IsInternal(a)).ToArray();
                if (allowed.Length == 0)
                {
                    throw new WebhookTargetRefusedException($"{context.DnsEndPoint.Host} resolves only to private, loopback or link-local addresses, which webhooks may not reach.");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _client = new HttpClient(handler) { Timeout = settings.Timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("SIL-Incidents-Webhooks/1.0");
    }

    public async Task<WebhookAttemptResult> SendAsync(Uri url, string secret, string webhookId, DateTimeOffset timestamp, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, new UTF8Encoding(false), "application/json"),
        };
        var seconds = timestamp.ToUnixTimeSeconds();
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Sign(secret, webhookId, DateTimeOffset.FromUnixTimeSeconds(seconds), body));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            return new WebhookAttemptResult(code, response.IsSuccessStatusCode ? null
                : code is >= 300 and < 400 ? $"The endpoint answered {code} (a redirect, which is not followed)."
                : $"The endpoint answered {code}.");
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookTargetRefusedException refused)
        {
            return new WebhookAttemptResult(null, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttemptResult(null, $"Could not reach the endpoint: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(null, $"No answer within {_client.Timeout.TotalSeconds:0} seconds.");
        }
    }

    /// <summary>The <c>webhook-signature</c> value for one attempt.</summary>
    public static string Sign(string secret, string webhookId, DateTimeOffset timestamp, string body) =>
        new StandardWebhook(secret).Sign(webhookId, timestamp, body);

    public void Dispose() => _client.Dispose();

    private sealed class WebhookTargetRefusedException(string message) : IOException(message);
}
