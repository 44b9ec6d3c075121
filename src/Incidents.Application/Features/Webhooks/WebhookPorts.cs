using Incidents.Application.Common.Security;
namespace Incidents.Application.Features.Webhooks;

/// <summary>Keeps endpoint secrets in protected form (ASP.NET Core data protection, the key ring shared by every node).</summary>
public interface IWebhookSecretProtector
{
    string Protect(string secret);

    string Unprotect(string protectedSecret);
}

/// <summary>One signed POST to an endpoint (Standard Webhooks headers). Never follows a redirect.</summary>
public interface IWebhookSender
{
    Task<WebhookAttemptResult> SendAsync(Uri url, string secret, string webhookId, DateTimeOffset timestamp, string body, CancellationToken cancellationToken);
}

/// <summary>What one attempt got: the status code (null when no answer came) and the error in words.</summary>
public sealed record WebhookAttemptResult(int? StatusCode, string? Error)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>Asks the job runner to deliver a webhook row, now or at a time. Only triggers work: the row is the truth.</summary>
public interface IWebhookScheduler
{
    void Enqueue(Guid deliveryId);

    void Schedule(Guid deliveryId, DateTimeOffset at);
}
