using FluentValidation;
using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Common;
using Incidents.Domain.Complaints;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Domain.Timers;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Complaints;

/// <summary>Record the acknowledgement (when and how); stops the clock. <see cref="SendEmail"/> also emails the
/// complainant the acknowledgement from its template. With <see cref="TimeUnknown"/> only the day of
/// <see cref="AcknowledgedAt"/> is known (kept as the start of that London day); without a time it is now.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Roles.DesignatedOfficer, Message = "Only SIL's DPO, administrators and the handling organisation's designated officers act on a complaint.")]
public sealed record AcknowledgeComplaintCommand(Guid Id, int? Version, DateTimeOffset? AcknowledgedAt, AcknowledgementMethod? Method, bool SendEmail = false, bool TimeUnknown = false) : IRequest<ComplaintDetails>;

public sealed class AcknowledgeComplaintValidator : AbstractValidator<AcknowledgeComplaintCommand>
{
    public AcknowledgeComplaintValidator()
    {
        RuleFor(x => x.Method).NotNull().WithMessage("Choose how the complainant was told").IsInEnum().WithMessage("Choose how the complainant was told");
    }
}

/// <summary>Close the complaint with its outcome; <see cref="SendLetter"/> emails the complainant the outcome letter
/// (which always tells them of their right to complain to the ICO).</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Roles.DesignatedOfficer, Message = "Only SIL's DPO, administrators and the handling organisation's designated officers act on a complaint.")]
public sealed record RecordComplaintOutcomeCommand(Guid Id, int? Version, ComplaintOutcome? Outcome, string? Summary, bool SendLetter = true) : IRequest<ComplaintDetails>;

public sealed class RecordComplaintOutcomeValidator : AbstractValidator<RecordComplaintOutcomeCommand>
{
    public RecordComplaintOutcomeValidator()
    {
        RuleFor(x => x.Outcome).NotNull().WithMessage("Choose the outcome").IsInEnum().WithMessage("Choose the outcome");
        RuleFor(x => x.Summary).NotEmpty().WithMessage("Explain the outcome: what was found and what will be done")
            .MaximumLength(Complaint.TextMaxLength).WithMessage($"The explanation must be {Complaint.TextMaxLength:N0} characters or fewer");
    }
}

[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO and administrators assign complaints.")]
public sealed record AssignComplaintCommand(Guid Id, int? Version, string? AssigneeUserId) : IRequest<ComplaintDetails>;

public sealed class AssignComplaintValidator : AbstractValidator<AssignComplaintCommand>
{
    public AssignComplaintValidator() => RuleFor(x => x.AssigneeUserId).NotEmpty().WithMessage("Choose who investigates it").MaximumLength(450);
}

[RequiresRole(Roles.Dpo, Roles.Admin, Roles.DesignatedOfficer, Message = "Only SIL's DPO, administrators and the handling organisation's designated officers act on a complaint.")]
public sealed record AddComplaintNoteCommand(Guid Id, string? Text) : IRequest<ComplaintDetails>;

public sealed class AddComplaintNoteValidator : AbstractValidator<AddComplaintNoteCommand>
{
    public AddComplaintNoteValidator() => RuleFor(x => x.Text).NotEmpty().WithMessage("Enter the note")
        .MaximumLength(ComplaintNote.TextMaxLength).WithMessage($"A note must be {ComplaintNote.TextMaxLength:N0} characters or fewer");
}

/// <summary>An action of the complaint's investigation: what, who, by when. The same rules as an incident's actions
/// (<see cref="OwnedAction"/>, <see cref="ActionRules"/>); <c>version</c>, when sent, must be the current one.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Roles.DesignatedOfficer, Message = "Only SIL's DPO, administrators and the handling organisation's designated officers act on a complaint.")]
public sealed record AddComplaintActionCommand(Guid Id, int? Version, string? Description, string? AssignedTo, DateOnly? DueDate) : IRequest<ComplaintActionResult>;

[RequiresRole(Roles.Dpo, Roles.Admin, Roles.DesignatedOfficer, Message = "Only SIL's DPO, administrators and the handling organisation's designated officers act on a complaint.")]
public sealed record CompleteComplaintActionCommand(Guid Id, Guid ActionId, int? Version, string? Note) : IRequest<ComplaintActionResult>;

/// <summary>The action added or completed, its complaint, and the complaint's version after the change.</summary>
public sealed record ComplaintActionResult(Guid Id, Guid ComplaintId, int Version);

public sealed class AddComplaintActionValidator : AbstractValidator<AddComplaintActionCommand>
{
    public AddComplaintActionValidator()
    {
        RuleFor(c => c.Description).ActionDescription();
        RuleFor(c => c.AssignedTo).ActionOwner();
        RuleFor(c => c.DueDate).ActionDueDate();
    }
}

public sealed class CompleteComplaintActionValidator : AbstractValidator<CompleteComplaintActionCommand>
{
    public CompleteComplaintActionValidator() => RuleFor(c => c.Note).ActionNote();
}

/// <summary>The complaint reveals a breach: report a breach incident (the same <see cref="ReportIncidentCommand"/> as the
/// report form) and link the two.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Roles.DesignatedOfficer, Message = "Only SIL's DPO, administrators and the handling organisation's designated officers act on a complaint.")]
public sealed record RaiseBreachFromComplaintCommand(Guid Id, int? Version) : IRequest<ComplaintDetails>;

public sealed class ComplaintCommandsHandler(
    IIncidentsDb db,
    ICurrentUser user,
    IAuditTrail audit,
    INotificationScheduler scheduler,
    UserManager<ApplicationUser> users,
    ISender sender,
    TimeProvider time,
    ILogger<ComplaintCommandsHandler> logger)
    : IRequestHandler<AcknowledgeComplaintCommand, ComplaintDetails>,
      IRequestHandler<RecordComplaintOutcomeCommand, ComplaintDetails>,
      IRequestHandler<AssignComplaintCommand, ComplaintDetails>,
      IRequestHandler<AddComplaintNoteCommand, ComplaintDetails>,
      IRequestHandler<RaiseBreachFromComplaintCommand, ComplaintDetails>,
      IRequestHandler<AddComplaintActionCommand, ComplaintActionResult>,
      IRequestHandler<CompleteComplaintActionCommand, ComplaintActionResult>
{
    public async ValueTask<ComplaintActionResult> Handle(AddComplaintActionCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var id = Guid.Empty;
        var version = await SaveAsync(command.Id, command.Version, ComplaintAccess.MayAct, async complaint =>
        {
            complaint.Touch();
            var action = new ComplaintAction(Guid.CreateVersion7(now), complaint.Id, command.Description!.Trim(), command.AssignedTo!.Trim(), command.DueDate, user.DisplayName, now);
            db.Set<ComplaintAction>().Add(action);
            id = action.Id;
            await audit.AppendForComplaintAsync(complaint.Id, "ComplaintActionAdded", null, new { action.Id, action.Description, action.AssignedTo, action.DueDate }, cancellationToken);
            return [];
        }, cancellationToken);
        return new ComplaintActionResult(id, command.Id, version);
    }

    public async ValueTask<ComplaintActionResult> Handle(CompleteComplaintActionCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var version = await SaveAsync(command.Id, command.Version, ComplaintAccess.MayAct, async complaint =>
        {
            var action = await db.Set<ComplaintAction>().SingleOrDefaultAsync(a => a.Id == command.ActionId && a.ComplaintId == complaint.Id, cancellationToken)
                ?? throw new NotFoundException("There is no such action on this complaint.");
            complaint.Touch();
            action.Complete(user.DisplayName, command.Note?.Trim(), now);
            await audit.AppendForComplaintAsync(complaint.Id, "ComplaintActionCompleted", new { action.Id, Open = true }, new { action.Id, Open = false, action.CompletionNote }, cancellationToken);
            return [];
        }, cancellationToken);
        return new ComplaintActionResult(command.ActionId, command.Id, version);
    }

    public async ValueTask<ComplaintDetails> Handle(AcknowledgeComplaintCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        return await ChangeAsync(command.Id, command.Version, ComplaintAccess.MayAct, async complaint =>
        {
            if (command.SendEmail && complaint.ComplainantEmail is null)
            {
                throw new DomainException("The complainant gave no email address: tell them another way and leave the email unticked.", "sendEmail");
            }

            complaint.Acknowledge(command.AcknowledgedAt ?? now, command.Method!.Value, user.DisplayName, now, command.AcknowledgedAt is not null && command.TimeUnknown);
            await CancelTimersAsync(complaint.Id, cancellationToken);
            var sent = new List<Notification>();
            if (command.SendEmail)
            {
                sent.Add(new Notification(Guid.CreateVersion7(now), NotificationType.ComplaintAcknowledged, null, complaint.ComplainantName, complaint.ComplainantEmail!, now).AboutComplaint(complaint.Id));
            }

            db.Notifications.AddRange(sent);
            await audit.AppendForComplaintAsync(complaint.Id, "ComplaintAcknowledged", new { Status = ComplaintStatus.Received },
                new { complaint.Status, complaint.AcknowledgedAt, complaint.AcknowledgedTimeUnknown, complaint.AcknowledgementMethod, EmailedComplainant = command.SendEmail }, cancellationToken);
            return sent;
        }, cancellationToken);
    }

    public async ValueTask<ComplaintDetails> Handle(RecordComplaintOutcomeCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        return await ChangeAsync(command.Id, command.Version, ComplaintAccess.MayAct, async complaint =>
        {
            var before = complaint.Status;
            complaint.RecordOutcome(command.Outcome!.Value, command.Summary!.Trim(), user.DisplayName, now);
            await CancelTimersAsync(complaint.Id, cancellationToken);
            var sent = new List<Notification>();
            if (command.SendLetter && complaint.ComplainantEmail is { } email)
            {
                sent.Add(new Notification(Guid.CreateVersion7(now), NotificationType.ComplaintOutcome, null, complaint.ComplainantName, email, now).AboutComplaint(complaint.Id));
            }

            db.Notifications.AddRange(sent);
            await audit.AppendForComplaintAsync(complaint.Id, "ComplaintOutcome", new { Status = before },
                new { complaint.Status, complaint.Outcome, complaint.OutcomeSummary, LetterSent = sent.Count > 0 }, cancellationToken);
            return sent;
        }, cancellationToken);
    }

    public async ValueTask<ComplaintDetails> Handle(AssignComplaintCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await ChangeAsync(command.Id, command.Version, (_, u) => ComplaintAccess.MayAssign(u), async complaint =>
        {
            var person = await users.FindByIdAsync(command.AssigneeUserId!);
            if (person is null || person.DisabledAt is not null || !await Assignees.MayOwnAsync(users, db, person, cancellationToken))
            {
                throw new DomainException("Choose someone at SIL who may investigate complaints (the DPO, a designated officer or an administrator).", "assigneeUserId");
            }

            var before = complaint.AssigneeName;
            var name = string.IsNullOrWhiteSpace(person.DisplayName) ? person.Email ?? person.Id : person.DisplayName;
            complaint.Assign(person.Id, name, person.Email);
            await audit.AppendForComplaintAsync(complaint.Id, "ComplaintAssigned", new { Assignee = before }, new { Assignee = name }, cancellationToken);
            return [];
        }, cancellationToken);
    }

    public async ValueTask<ComplaintDetails> Handle(AddComplaintNoteCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        return await ChangeAsync(command.Id, null, ComplaintAccess.MayAct, async complaint =>
        {
            var note = new ComplaintNote(Guid.CreateVersion7(now), complaint.Id, now, user.UserId, user.DisplayName, command.Text!.Trim());
            db.Set<ComplaintNote>().Add(note);
            await audit.AppendForComplaintAsync(complaint.Id, "ComplaintNoteAdded", null, new { note.Id, note.Text }, cancellationToken);
            return [];
        }, cancellationToken);
    }

    public async ValueTask<ComplaintDetails> Handle(RaiseBreachFromComplaintCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var visible = await ComplaintAccess.VisibleAsync(db, user, cancellationToken);
        var complaint = await visible.AsNoTracking().SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken) ?? throw new NotFoundException("There is no such complaint.");
        if (!ComplaintAccess.MayAct(complaint, user))
        {
            throw new ForbiddenException("Only SIL's DPO, administrators and the handling organisation's designated officers act on a complaint.");
        }

        if (command.Version is { } v && v != complaint.Version)
        {
            throw new ConflictException("Someone else changed this complaint first. Reload it and make your change again.");
        }

        if (complaint.LinkedIncidentId is not null)
        {
            throw new DomainException("A breach incident has already been raised from this complaint.", "incident");
        }

        // The breach is reported by the caller's organisation; the other party is the one the complaint concerns.
        var silId = await db.Organisations.Where(o => o.Kind == OrganisationKind.Sil).Select(o => o.Id).SingleAsync(cancellationToken);
        Guid? counterparty = user.OrganisationId != complaint.HandlingOrganisationId
            ? complaint.HandlingOrganisationId
            : complaint.HandlingOrganisationId == silId ? complaint.AboutOrganisationId : silId;
        if (counterparty is null)
        {
            throw new DomainException("This complaint is not about a school's data, so there is no other party to report a breach to. Report it from the incident form.", "incident");
        }

        var reported = await sender.Send(new ReportIncidentCommand(
            IncidentKind.ConfidentialityBreach,
            counterparty,
            time.GetUtcNow(),
            $"Breach found through complaint {complaint.Reference}",
            $"Complaint {complaint.Reference} ({complaint.About}) revealed a possible breach of personal data. The complaint's details are on the complaint page.",
            [],
            null), cancellationToken);

        return await ChangeAsync(command.Id, null, ComplaintAccess.MayAct, async tracked =>
        {
            tracked.LinkIncident(reported.Id);
            await audit.AppendForComplaintAsync(tracked.Id, "BreachRaised", null, new { IncidentId = reported.Id, reported.Reference }, cancellationToken);
            return [];
        }, cancellationToken);
    }

    /// <summary>Loads the complaint the caller may see (404 otherwise), checks they may act (403) and the version (409),
    /// applies the change, and saves it with its notices and audit in one transaction; then asks for delivery.</summary>
    private async Task<ComplaintDetails> ChangeAsync(Guid id, int? version, Func<Complaint, ICurrentUser, bool> mayAct, Func<Complaint, Task<List<Notification>>> change, CancellationToken cancellationToken)
    {
        await SaveAsync(id, version, mayAct, change, cancellationToken);
        return await sender.Send(new GetComplaintQuery(id), cancellationToken);
    }

    /// <summary>As <see cref="ChangeAsync"/>, answering the complaint's version after the change.</summary>
    private async Task<int> SaveAsync(Guid id, int? version, Func<Complaint, ICurrentUser, bool> mayAct, Func<Complaint, Task<List<Notification>>> change, CancellationToken cancellationToken)
    {
        var visible = await ComplaintAccess.VisibleAsync(db, user, cancellationToken);
        List<Notification> sent;
        int after;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var complaint = await visible.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("There is no such complaint.");
            if (!mayAct(complaint, user))
            {
                throw new ForbiddenException("Only SIL's DPO, administrators and the handling organisation's designated officers act on a complaint.");
            }

            if (version is { } v && v != complaint.Version)
            {
                throw new ConflictException("Someone else changed this complaint first. Reload it and make your change again.");
            }

            sent = await change(complaint);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            after = complaint.Version;
        }

        JobRequests.Try(logger, sent.Select(n => (Action)(() => scheduler.Enqueue(n.Id))));
        return after;
    }

    private Task<int> CancelTimersAsync(Guid complaintId, CancellationToken cancellationToken) =>
        db.Timers.Where(t => t.Kind == TimerKinds.ComplaintAcknowledgement && t.SubjectId == complaintId && t.Status == TimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled).SetProperty(t => t.FiredAt, time.GetUtcNow()), cancellationToken);
}

/// <summary>A complaint's acknowledgement timer fired: if the acknowledgement is still owed, remind the handling
/// party's designated officers and SIL's DPO (and the assignee). If a later reminder is due too (the app was down),
/// only the latest is sent.</summary>
public sealed class ComplaintReminderTimerHandler(IIncidentsDb db, IAuditTrail audit) : Common.Timers.ITimerHandler
{
    public string Kind => TimerKinds.ComplaintAcknowledgement;

    public async Task<Common.Timers.TimerOutcome> FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var laterDue = await db.Timers.AnyAsync(
            t => t.Kind == TimerKinds.ComplaintAcknowledgement && t.SubjectId == timer.SubjectId && t.Status == TimerStatus.Pending && t.DueAt > timer.DueAt && t.DueAt <= now,
            cancellationToken);
        var complaint = await db.Set<Complaint>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == timer.SubjectId, cancellationToken);
        if (laterDue || complaint is null || complaint.Status != ComplaintStatus.Received)
        {
            return Common.Timers.TimerOutcome.Moot;
        }

        await db.Timers
            .Where(t => t.Kind == TimerKinds.ComplaintAcknowledgement && t.SubjectId == timer.SubjectId && t.Status == TimerStatus.Pending && t.DueAt < timer.DueAt)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), cancellationToken);

        var sil = await db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleAsync(o => o.Kind == OrganisationKind.Sil, cancellationToken);
        var handling = complaint.HandlingOrganisationId == sil.Id
            ? sil
            : await db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleAsync(o => o.Id == complaint.HandlingOrganisationId, cancellationToken);
        var recipients = ComplaintRouting.ReminderNoticesFor(handling, sil)
            .Select(r => (r.Name, r.Email, (RecipientReason?)r.Reason, (string?)r.Organisation, r.ContactId)).ToList();
        if (!string.IsNullOrWhiteSpace(complaint.AssigneeEmail))
        {
            recipients.Add((complaint.AssigneeName ?? complaint.AssigneeEmail, complaint.AssigneeEmail, null, null, null));
        }

        var sent = recipients.DistinctBy(r => r.Item2.Trim().ToUpperInvariant())
            .Select(r => new Notification(Guid.CreateVersion7(now), NotificationType.ComplaintReminder, null, r.Item1, r.Item2, now,
                reason: r.Item3, recipientOrganisation: r.Item4, contactId: r.Item5).AboutComplaint(complaint.Id))
            .ToList();
        db.Notifications.AddRange(sent);
        await audit.AppendForComplaintAsync(complaint.Id, "ComplaintReminderSent", null,
            new { DaysLeft = ComplaintClock.DaysLeftOf(timer), Recipients = sent.Select(n => n.RecipientEmail) }, cancellationToken);
        return Common.Timers.TimerOutcome.Done(sent.Select(n => n.Id));
    }
}
