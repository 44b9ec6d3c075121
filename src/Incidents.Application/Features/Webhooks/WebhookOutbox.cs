using System.Text.Json;
using System.Text.Json.Serialization;
using Incidents.Application.Common;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Agreements;
using Incidents.Domain.Incidents;
using Incidents.Domain.Organisations;
using Incidents.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Webhooks;

/// <summary>
/// Writes one delivery row per endpoint that subscribes to an event, inside the transaction of the change that raised it
/// (like the notification rows), and asks for delivery after commit. The payload is the Standard Webhooks shape
/// <c>{type, timestamp, data}</c> with ids and states only: never a description, a name or an address.
/// </summary>
public sealed class WebhookOutbox(IIncidentsDb db, IWebhookScheduler scheduler, ILogger<WebhookOutbox> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly List<Guid> _written = [];

    /// <summary>For an audited incident change (<see cref="WebhookEvents.ForIncidentAction"/>); nothing for other actions.</summary>
    public async Task RaiseForIncidentAsync(Incident incident, string action, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (WebhookEvents.ForIncidentAction(action) is not { } eventType)
        {
            return;
        }

        var filing = eventType == WebhookEvents.IncidentReportedToIco
            ? db.IcoFilings.Local.Where(f => f.IncidentId == incident.Id).OrderByDescending(f => f.RecordedAt).FirstOrDefault()
            : null;
        await RaiseAsync(eventType, incident.Id, now, new
        {
            incidentId = incident.Id,
            incident.Reference,
            incident.Kind,
            incident.Status,
            incident.Classification,
            incident.Severity,
            Decision = incident.Decision,
            incident.AgreementId,
            incident.ReportingOrganisationId,
            incident.CounterpartyOrganisationId,
            incident.DiscoveredAt,
            incident.DiscoveredTimeUnknown,
            incident.ReportedAt,
            IcoDeadline = incident.IcoDeadline,
            IcoFiling = filing is null ? null : new { filingId = filing.Id, filing.Phase, filing.SubmittedAt, Late = filing.Phase == FilingPhase.Initial && filing.SubmittedAt > incident.IcoDeadline },
            incident.ClosedAt,
        }, cancellationToken);
    }

    /// <summary>For a suspension event: the agreement, its school (id and URN) and the suspension's dates; never its reason.</summary>
    public async Task RaiseForAgreementAsync(string eventType, Agreement agreement, Suspension suspension, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(suspension);
        var urn = await db.Organisations.AsNoTracking().Where(o => o.Id == agreement.SchoolOrganisationId).Select(o => o.Urn).SingleOrDefaultAsync(cancellationToken);
        await RaiseAsync(eventType, agreement.Id, now, new
        {
            agreementId = agreement.Id,
            agreement.Status,
            SharingAllowed = agreement.Status == AgreementStatus.Active,
            agreement.SchoolOrganisationId,
            SchoolUrn = urn,
            agreement.SilOrganisationId,
            SuspensionId = suspension.Id,
            SuspensionStatus = suspension.Status,
            suspension.StartsAt,
            suspension.EndsAt,
            suspension.EndedAt,
            suspension.ReplacesSuspensionId,
            suspension.SuspendedByOrganisationId,
        }, cancellationToken);
    }

    private async Task RaiseAsync(string eventType, Guid subjectId, DateTimeOffset now, object data, CancellationToken cancellationToken)
    {
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking().Where(e => e.DisabledAt == null).ToListAsync(cancellationToken);
        var payload = JsonSerializer.Serialize(new { type = eventType, timestamp = now.ToUniversalTime(), data }, Json);
        foreach (var endpoint in endpoints.Where(e => e.Receives(eventType)))
        {
            // The row's id is the webhook-id of every attempt: one event, one endpoint, one id.
            var delivery = new WebhookDelivery(Guid.CreateVersion7(now), endpoint.Id, eventType, subjectId, payload, now);
            db.Set<WebhookDelivery>().Add(delivery);
            _written.Add(delivery.Id);
        }
    }

    /// <summary>After commit: ask for delivery of the rows written in this scope. A lost request loses nothing (the reconciler).</summary>
    public void AfterCommit()
    {
        var ids = _written.ToList();
        _written.Clear();
        JobRequests.Try(logger, ids.Select(id => (Action)(() => scheduler.Enqueue(id))));
    }
}
