using System.Text.Json;
using System.Text.Json.Serialization;
using Incidents.Application.Common.Interfaces;
using Incidents.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Common.Audit;

/// <summary>Appends to the tamper-evident audit chain, inside the caller's transaction.</summary>
public interface IAuditTrail
{
    Task AppendAsync(Guid? incidentId, string action, object? before, object? after, CancellationToken cancellationToken);

    Task AppendForAgreementAsync(Guid agreementId, string action, object? before, object? after, CancellationToken cancellationToken);

    /// <summary>An entry whose actor has no account (someone reporting through a reporting link), named as they gave it.</summary>
    Task AppendByAsync(Guid? incidentId, string actorId, string actorName, string action, object? before, object? after, CancellationToken cancellationToken);

    /// <summary>A step of a complaint.</summary>
    Task AppendForComplaintAsync(Guid complaintId, string action, object? before, object? after, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This audit trail does not record complaints.");
}

public sealed class AuditTrail(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IAuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public Task AppendAsync(Guid? incidentId, string action, object? before, object? after, CancellationToken cancellationToken) =>
        AppendAsync(incidentId, null, action, before, after, cancellationToken);

    public Task AppendForAgreementAsync(Guid agreementId, string action, object? before, object? after, CancellationToken cancellationToken) =>
        AppendAsync(null, agreementId, action, before, after, cancellationToken);

    public Task AppendByAsync(Guid? incidentId, string actorId, string actorName, string action, object? before, object? after, CancellationToken cancellationToken) =>
        AppendAsync(incidentId, null, action, before, after, cancellationToken, actor: (actorId, actorName));

    public Task AppendForComplaintAsync(Guid complaintId, string action, object? before, object? after, CancellationToken cancellationToken) =>
        AppendAsync(null, null, action, before, after, cancellationToken, complaintId: complaintId);

    private async Task AppendAsync(Guid? incidentId, Guid? agreementId, string action, object? before, object? after, CancellationToken cancellationToken, (string Id, string Name)? actor = null, Guid? complaintId = null)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("An audit entry is appended inside the transaction of the change it records.");
        }

        // Moving the head first locks it until commit, so concurrent appends queue and never fork the chain.
        await db.AuditHeads.Where(h => h.Id == AuditHead.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence + 1), cancellationToken);
        var head = await db.AuditHeads.AsNoTracking().SingleAsync(h => h.Id == AuditHead.SingletonId, cancellationToken);

        var (actorId, actorName) = actor ?? (user.IsAuthenticated ? (user.UserId, user.DisplayName) : ("system", "Incidents (automatic)"));
        var entry = new AuditEntry(
            head.LastSequence,
            incidentId,
            time.GetUtcNow(),
            actorId,
            actorName,
            action,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json),
            head.LastHash,
            agreementId,
            complaintId);
        db.AuditEntries.Add(entry);
        await db.AuditHeads.Where(h => h.Id == AuditHead.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastHash, entry.Hash), cancellationToken);
    }
}
