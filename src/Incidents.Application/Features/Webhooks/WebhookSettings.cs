using Incidents.Application.Common.Security;
using Incidents.Domain.Notifications;

namespace Incidents.Application.Features.Webhooks;

/// <summary>How webhooks are delivered (<c>Webhooks:*</c>).</summary>
public sealed class WebhookSettings
{
    /// <summary><c>Webhooks:AllowHttp</c>: plain <c>http</c> endpoints and loopback/private targets are accepted (local testing only).</summary>
    public bool AllowHttp { get; init; }

    /// <summary>In Development plain <c>http</c> is accepted too (private targets still need <see cref="AllowHttp"/>).</summary>
    public bool IsDevelopment { get; init; }

    public bool HttpAllowed => AllowHttp || IsDevelopment;

    /// <summary>Loopback, private, link-local and other internal addresses may be targets (SSRF guard off).</summary>
    public bool PrivateTargetsAllowed => AllowHttp;

    /// <summary><c>Webhooks:TimeoutSeconds</c> (10): the whole request, connect to last byte.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary><c>Webhooks:ClaimLease</c>: how long one attempt holds its row; longer than the timeout.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Back-off (<c>Webhooks:FirstRetryDelay</c>, <c>MaxRetryDelay</c>, <c>MaxAttempts</c>): 30 s doubling to 1 hour, 15 attempts (about 10 hours).</summary>
    public RetryPolicy Retry { get; init; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1), 15);

    /// <summary>Rows not taken within this after they were due are re-asked for by the reconciler.</summary>
    public TimeSpan ReconcileGrace { get; init; } = TimeSpan.FromSeconds(30);
}
