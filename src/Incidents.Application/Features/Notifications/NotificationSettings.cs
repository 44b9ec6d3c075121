using Incidents.Domain.Notifications;

namespace Incidents.Application.Features.Notifications;

/// <summary>How notices are written and retried. Built from configuration by the host.</summary>
public sealed class NotificationSettings
{
    /// <summary>Base address of the product as users reach it (App:PublicUrl); links in emails start here.</summary>
    public Uri PublicUrl { get; init; } = new("http://127.0.0.1:5080/");

    /// <summary>Right-hand side of every Message-Id (the domain of Email:From).</summary>
    public string MessageIdDomain { get; init; } = "incidents.localhost";

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    /// <summary>How long one job holds a notice it is sending; longer than the SMTP timeout.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The periodic reconciler re-enqueues due rows that no job has taken for this long.</summary>
    public TimeSpan ReconcileGrace { get; init; } = TimeSpan.FromSeconds(30);

    public Uri IncidentLink(Guid incidentId) => new(PublicUrl, $"incidents/{incidentId}");
}
