using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Audit;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Triage;

[RequiresSignIn]
public sealed record GetAuditTrailQuery(Guid IncidentId) : IRequest<IReadOnlyList<AuditEntryView>>;

/// <summary>An agreement's history: creation, updates, suspensions, reminders, reinstatements.</summary>
[RequiresSignIn]
public sealed record GetAgreementAuditTrailQuery(Guid AgreementId) : IRequest<IReadOnlyList<AuditEntryView>>;

public sealed record AuditEntryView(long Sequence, DateTimeOffset At, string ActorId, string ActorName, string Action, string? Before, string? After, string Hash);

/// <summary>Recomputes the whole chain and names the first entry that does not match.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Verifying the audit trail is for the DPO and administrators.")]
public sealed record VerifyAuditTrailQuery : IRequest<AuditVerification>;

public sealed record AuditVerification(bool Valid, long EntriesChecked, long? FirstBrokenSequence, string? Problem);

public sealed class GetAuditTrailHandler(IIncidentsDb db, ICurrentUser user) : IRequestHandler<GetAuditTrailQuery, IReadOnlyList<AuditEntryView>>
{
    public async ValueTask<IReadOnlyList<AuditEntryView>> Handle(GetAuditTrailQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!await db.Incidents.VisibleTo(user).AnyAsync(i => i.Id == query.IncidentId, cancellationToken))
        {
            throw new NotFoundException("There is no incident with that id that you may see.");
        }

        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.IncidentId == query.IncidentId)
            .OrderBy(e => e.Sequence)
            .Select(e => new AuditEntryView(e.Sequence, e.At, e.ActorId, e.ActorName, e.Action, e.Before, e.After, e.Hash))
            .ToListAsync(cancellationToken);
    }
}

public sealed class GetAgreementAuditTrailHandler(IIncidentsDb db, ICurrentUser user) : IRequestHandler<GetAgreementAuditTrailQuery, IReadOnlyList<AuditEntryView>>
{
    public async ValueTask<IReadOnlyList<AuditEntryView>> Handle(GetAgreementAuditTrailQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var me = user.OrganisationId;
        var isSil = await db.Organisations.AnyAsync(o => o.Id == me && o.Kind == Domain.Organisations.OrganisationKind.Sil, cancellationToken);
        if (!await db.Agreements.AnyAsync(a => a.Id == query.AgreementId && (isSil || a.SchoolOrganisationId == me), cancellationToken))
        {
            throw new NotFoundException("There is no agreement with that id that you may see.");
        }

        return await db.AuditEntries.AsNoTracking()
            .Where(e => e.AgreementId == query.AgreementId)
            .OrderBy(e => e.Sequence)
            .Select(e => new AuditEntryView(e.Sequence, e.At, e.ActorId, e.ActorName, e.Action, e.Before, e.After, e.Hash))
            .ToListAsync(cancellationToken);
    }
}

public sealed class VerifyAuditTrailHandler(IIncidentsDb db) : IRequestHandler<VerifyAuditTrailQuery, AuditVerification>
{
    private const int BatchSize = 1000;

    public async ValueTask<AuditVerification> Handle(VerifyAuditTrailQuery query, CancellationToken cancellationToken)
    {

        var previousHash = AuditEntry.GenesisHash;
        long expected = 1;
        long checkedCount = 0;
        while (true)
        {
            var from = expected;
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence >= from)
                .OrderBy(e => e.Sequence)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            foreach (var entry in batch)
            {
                if (entry.Sequence != expected)
                {
                    return new AuditVerification(false, checkedCount, expected, $"Entry {expected} is missing.");
                }

                if (entry.PreviousHash != previousHash)
                {
                    return new AuditVerification(false, checkedCount, entry.Sequence, "Its link to the entry before it does not match.");
                }

                if (!entry.IsIntact())
                {
                    return new AuditVerification(false, checkedCount, entry.Sequence, "Its content does not match its hash: it was changed after it was written.");
                }

                previousHash = entry.Hash;
                expected++;
                checkedCount++;
            }

            if (batch.Count < BatchSize)
            {
                break;
            }
        }

        var head = await db.AuditHeads.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (head is not null && (head.LastSequence != expected - 1 || head.LastHash != previousHash))
        {
            return new AuditVerification(false, checkedCount, expected, "The chain ends early: entries after the last one found are missing.");
        }

        return new AuditVerification(true, checkedCount, null, null);
    }
}
