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

    /// <summary>A notice still owed after this long is shown to the DPO as stuck, whatever the cause (Notifications:StuckAfter).</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>While the relay has a configuration fault, how often one send tries it again; the others wait. When the
    /// fault clears, waiting notices go within this time (Notifications:FaultRetryDelay).</summary>
    public TimeSpan FaultRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public Uri IncidentLink(Guid incidentId) => new(PublicUrl, $"incidents/{incidentId}");
}
