using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Common;
using Incidents.Domain.Complaints;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Complaints;

/// <summary>Where a complaint's acknowledgement stands: the deadline, whether it is owed or overdue (the one rule,
/// <see cref="Complaint.IsOverdue"/>), and the time left or overdue in words.</summary>
public sealed record ComplaintClockView(DateTimeOffset AcknowledgeBy, bool Owed, bool Overdue, string Countdown)
{
    public static ComplaintClockView Of(Complaint complaint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var owed = complaint.Status == ComplaintStatus.Received;
        var left = complaint.AcknowledgeBy - now;
        var countdown = !owed ? string.Empty : left > TimeSpan.Zero ? DurationWords.Left(left) : DurationWords.OverdueBy(-left);
        return new ComplaintClockView(complaint.AcknowledgeBy, owed, complaint.IsOverdue(now), countdown);
    }
}

public sealed record ComplaintSummary(
    Guid Id, string Reference, string Organisation, string? AboutOrganisation, DateTimeOffset ReceivedAt, ComplaintChannel Channel,
    ComplaintStatus Status, string About, ComplaintOutcome? Outcome, string? AssigneeName, ComplaintClockView Acknowledgement)
{
    /// <summary>Only the day it was received is known.</summary>
    public bool ReceivedTimeUnknown { get; init; }
}

public sealed record ComplaintNoteView(Guid Id, DateTimeOffset At, string By, string Text);

public sealed record ComplaintNoticeView(Guid Id, NotificationType Type, string RecipientName, string RecipientEmail, string? RecipientOrganisation, NotificationStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

public sealed record ComplaintAuditView(long Sequence, DateTimeOffset At, string Actor, string Action);

/// <summary>What the caller may do to the complaint now (<see cref="AddAction"/>: add or complete an investigation action).</summary>
public sealed record ComplaintActions(bool Acknowledge, bool RecordOutcome, bool AddNote, bool Assign, bool RaiseBreach, bool AddAction = false);

/// <summary>An action of the investigation (<see cref="ComplaintAction"/>): <see cref="Overdue"/> is the one rule of
/// <see cref="OwnedAction.IsOverdue"/>, as on the dashboard.</summary>
public sealed record ComplaintActionView(
    Guid Id, string Description, string AssignedTo, DateOnly? DueDate, bool Open, bool Overdue, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt, string? CompletedBy, string? CompletionNote);

public sealed record ComplaintDetails(
    Guid Id,
    string Reference,
    int Version,
    Guid OrganisationId,
    string Organisation,
    Guid? AboutOrganisationId,
    string? AboutOrganisation,
    DateTimeOffset ReceivedAt,
    DateTimeOffset LoggedAt,
    string LoggedBy,
    ComplaintChannel Channel,
    string ComplainantName,
    string? ComplainantEmail,
    string Relationship,
    string About,
    string Details,
    string DesiredOutcome,
    ComplaintStatus Status,
    ComplaintClockView Acknowledgement,
    DateTimeOffset? AcknowledgedAt,
    AcknowledgementMethod? AcknowledgementMethod,
    string? AcknowledgedBy,
    string? AssigneeUserId,
    string? AssigneeName,
    ComplaintOutcome? Outcome,
    string? OutcomeSummary,
    DateTimeOffset? OutcomeAt,
    string? OutcomeBy,
    Guid? LinkedIncidentId,
    string? LinkedIncidentReference,
    IReadOnlyList<ComplaintNoteView> Notes,
    IReadOnlyList<ComplaintNoticeView> Notices,
    IReadOnlyList<ComplaintAuditView> Audit,
    ComplaintActions Actions)
{
    /// <summary>The investigation's actions, in the order they were added.</summary>
    public IReadOnlyList<ComplaintActionView> ActionItems { get; init; } = [];

    /// <summary>Only the day it was received is known (<see cref="ReceivedAt"/> is the start of that day).</summary>
    public bool ReceivedTimeUnknown { get; init; }

    /// <summary>Only the day of the acknowledgement is known.</summary>
    public bool AcknowledgedTimeUnknown { get; init; }
}

[RequiresSignIn]
public sealed record GetComplaintQuery(Guid Id) : IRequest<ComplaintDetails>;

public sealed class GetComplaintHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<GetComplaintQuery, ComplaintDetails>
{
    public async ValueTask<ComplaintDetails> Handle(GetComplaintQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var visible = await ComplaintAccess.VisibleAsync(db, user, cancellationToken);
        var c = await visible.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken) ?? throw new NotFoundException("There is no such complaint.");
        var names = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == c.HandlingOrganisationId || o.Id == c.AboutOrganisationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var notes = await db.Set<ComplaintNote>().AsNoTracking().Where(n => n.ComplaintId == c.Id).OrderBy(n => n.At).ThenBy(n => n.Id)
            .Select(n => new ComplaintNoteView(n.Id, n.At, n.ByName, n.Text)).ToListAsync(cancellationToken);
        var notices = await db.Notifications.AsNoTracking().Where(n => n.ComplaintId == c.Id).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Select(n => new ComplaintNoticeView(n.Id, n.Type, n.RecipientName, n.RecipientEmail, n.RecipientOrganisation, n.Status, n.CreatedAt, n.SentAt))
            .ToListAsync(cancellationToken);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.ComplaintId == c.Id).OrderBy(a => a.Sequence)
            .Select(a => new ComplaintAuditView(a.Sequence, a.At, a.ActorName, a.Action)).ToListAsync(cancellationToken);
        var incidentReference = c.LinkedIncidentId is { } incidentId
            ? await db.Incidents.AsNoTracking().Where(i => i.Id == incidentId).Select(i => i.Reference).SingleOrDefaultAsync(cancellationToken)
            : null;
        var mayAct = ComplaintAccess.MayAct(c, user);
        var actions = new ComplaintActions(
            mayAct && c.Status == ComplaintStatus.Received,
            mayAct && c.Status != ComplaintStatus.Closed,
            mayAct,
            ComplaintAccess.MayAssign(user) && c.IsOpen,
            mayAct && c.LinkedIncidentId is null,
            mayAct && c.Status != ComplaintStatus.Closed);
        var today = OwnedAction.Today(time.GetUtcNow());
        var actionItems = (await db.Set<ComplaintAction>().AsNoTracking().Where(a => a.ComplaintId == c.Id).ToListAsync(cancellationToken))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new ComplaintActionView(a.Id, a.Description, a.AssignedTo, a.DueDate, a.IsOpen, c.IsOpen && a.IsOverdue(today), a.CreatedBy, a.CreatedAt,
                a.CompletedAt, a.CompletedBy, a.CompletionNote))
            .ToList();
        return new ComplaintDetails(
            c.Id, c.Reference, c.Version, c.HandlingOrganisationId, names.GetValueOrDefault(c.HandlingOrganisationId, string.Empty),
            c.AboutOrganisationId, c.AboutOrganisationId is { } a ? names.GetValueOrDefault(a) : null,
            c.ReceivedAt, c.LoggedAt, c.LoggedByName, c.Channel, c.ComplainantName, c.ComplainantEmail, c.Relationship, c.About, c.Details, c.DesiredOutcome,
            c.Status, ComplaintClockView.Of(c, time.GetUtcNow()), c.AcknowledgedAt, c.AcknowledgementMethod, c.AcknowledgedBy,
            c.AssigneeUserId, c.AssigneeName, c.Outcome, c.OutcomeSummary, c.OutcomeAt, c.OutcomeBy, c.LinkedIncidentId, incidentReference,
            notes, notices, audit, actions)
        {
            ActionItems = actionItems,
            ReceivedTimeUnknown = c.ReceivedTimeUnknown,
            AcknowledgedTimeUnknown = c.AcknowledgedTimeUnknown,
        };
    }
}

/// <summary>The complaints the caller may see: open ones first, the acknowledgement that runs out soonest first.</summary>
[RequiresSignIn]
public sealed record ListComplaintsQuery(bool OpenOnly = false) : IRequest<IReadOnlyList<ComplaintSummary>>;

public sealed class ListComplaintsHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<ListComplaintsQuery, IReadOnlyList<ComplaintSummary>>
{
    public async ValueTask<IReadOnlyList<ComplaintSummary>> Handle(ListComplaintsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var visible = await ComplaintAccess.VisibleAsync(db, user, cancellationToken);
        if (query.OpenOnly)
        {
            visible = visible.Where(c => c.Status != ComplaintStatus.Closed);
        }

        var complaints = await visible.AsNoTracking().OrderByDescending(c => c.ReceivedAt).Take(500).ToListAsync(cancellationToken);
        return await ComplaintSummaries.OfAsync(db, complaints, time.GetUtcNow(), cancellationToken);
    }
}

/// <summary>Complaints for the DPO's queue and the dashboard (one query for both partials): those still awaiting
/// acknowledgement, the soonest deadline first, and how many are overdue.</summary>
[RequiresSignIn]
public sealed record ComplaintClocksQuery : IRequest<ComplaintClocks>;

public sealed record ComplaintClocks(IReadOnlyList<ComplaintSummary> Awaiting, int Overdue, int Open);

public sealed class ComplaintClocksHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<ComplaintClocksQuery, ComplaintClocks>
{
    public async ValueTask<ComplaintClocks> Handle(ComplaintClocksQuery query, CancellationToken cancellationToken)
    {
        var visible = await ComplaintAccess.VisibleAsync(db, user, cancellationToken);
        var now = time.GetUtcNow();
        var awaiting = await visible.AsNoTracking().Where(c => c.Status == ComplaintStatus.Received).OrderBy(c => c.AcknowledgeBy).Take(50).ToListAsync(cancellationToken);
        var overdue = await visible.CountAsync(c => c.Status == ComplaintStatus.Received && c.AcknowledgeBy <= now, cancellationToken);
        var open = await visible.CountAsync(c => c.Status != ComplaintStatus.Closed, cancellationToken);
        return new ComplaintClocks(await ComplaintSummaries.OfAsync(db, awaiting, now, cancellationToken), overdue, open);
    }
}

internal static class ComplaintSummaries
{
    public static async Task<IReadOnlyList<ComplaintSummary>> OfAsync(IIncidentsDb db, IReadOnlyList<Complaint> complaints, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = complaints.Select(c => c.HandlingOrganisationId).Concat(complaints.Where(c => c.AboutOrganisationId != null).Select(c => c.AboutOrganisationId!.Value)).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        return complaints
            .Select(c => new ComplaintSummary(c.Id, c.Reference, names.GetValueOrDefault(c.HandlingOrganisationId, string.Empty),
                c.AboutOrganisationId is { } a ? names.GetValueOrDefault(a) : null, c.ReceivedAt, c.Channel, c.Status, c.About, c.Outcome, c.AssigneeName,
                ComplaintClockView.Of(c, now)) { ReceivedTimeUnknown = c.ReceivedTimeUnknown })
            .OrderBy(s => s.Status == ComplaintStatus.Closed)
            .ThenBy(s => s.Acknowledgement.Owed ? s.Acknowledgement.AcknowledgeBy : DateTimeOffset.MaxValue)
            .ThenByDescending(s => s.ReceivedAt)
            .ToList();
    }
}
