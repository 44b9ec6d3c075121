using FluentValidation;
using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Common;
using Incidents.Domain.Complaints;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Domain.Timers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Complaints;

/// <summary>A member of staff logs a complaint on the complainant's behalf (the contract of <c>POST /api/complaints</c>).
/// <see cref="AboutOrganisationId"/>: when SIL is complained to about a school's data, that school.</summary>
[RequiresSignIn]
public sealed record LogComplaintCommand(
    Guid? OrganisationId,
    DateTimeOffset? ReceivedAt,
    ComplaintChannel? Channel,
    string? ComplainantName,
    string? ComplainantEmail,
    string? Relationship,
    string? About,
    string? Details,
    string? DesiredOutcome,
    Guid? AboutOrganisationId = null,
    // Only the day it was received is known ("I do not know the time"): kept as the start of that London day.
    bool ReceivedTimeUnknown = false) : IRequest<LogComplaintResult>;

public sealed record LogComplaintResult(Guid Id, string Reference, DateTimeOffset AcknowledgeBy);

/// <summary>The complainant sends a complaint themselves through the public form of an organisation
/// (<c>/complain/{urn}</c>, <c>/complain/sil</c>); no account.</summary>
[SentWithoutUser("The public complaint form: anyone, with antiforgery, rate limited per client address.")]
public sealed record SubmitPublicComplaintCommand(
    string? Organisation,
    string? ComplainantName,
    string? ComplainantEmail,
    string? Relationship,
    string? About,
    string? Details,
    string? DesiredOutcome,
    Guid? AboutOrganisationId = null) : IRequest<LogComplaintResult>;

internal static class ComplaintFieldRules
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, string?> name, Func<T, string?> email, Func<T, string?> relationship, Func<T, string?> about, Func<T, string?> details, Func<T, string?> desired, bool emailRequired)
    {
        // The public form speaks to the complainant ("your"); staff log on their behalf ("the complainant's").
        var publicForm = emailRequired;
        v.RuleFor(x => name(x)).NotEmpty().WithMessage(publicForm ? "Enter your full name" : "Enter the complainant's name").MaximumLength(Complaint.NameMaxLength).WithMessage($"The name must be {Complaint.NameMaxLength} characters or fewer").OverridePropertyName("complainantName");
        if (emailRequired)
        {
            v.RuleFor(x => email(x)).NotEmpty().WithMessage("Enter an email address, so we can send the reference and our reply").OverridePropertyName("complainantEmail");
        }

        v.RuleFor(x => email(x)).EmailAddress().WithMessage("Enter an email address in the correct format, like name@example.com")
            .MaximumLength(Complaint.EmailMaxLength).WithMessage($"The email address must be {Complaint.EmailMaxLength} characters or fewer")
            .Must(e => e is null || !e.Any(char.IsControl)).WithMessage("Enter an email address in the correct format, like name@example.com")
            .When(x => !string.IsNullOrWhiteSpace(email(x))).OverridePropertyName("complainantEmail");
        v.RuleFor(x => relationship(x)).NotEmpty().WithMessage(publicForm ? "Enter your relationship to the pupil, for example parent" : "Enter the complainant's relationship to the pupil, for example parent").MaximumLength(Complaint.RelationshipMaxLength).WithMessage($"The relationship must be {Complaint.RelationshipMaxLength} characters or fewer").OverridePropertyName("relationship");
        v.RuleFor(x => about(x)).NotEmpty().WithMessage(publicForm ? "Enter what your complaint is about" : "Enter what the complaint is about").MaximumLength(Complaint.AboutMaxLength).WithMessage($"What it is about must be {Complaint.AboutMaxLength} characters or fewer").OverridePropertyName("about");
        v.RuleFor(x => details(x)).NotEmpty().WithMessage(publicForm ? "Tell us what happened" : "Enter the details of the complaint").MaximumLength(Complaint.TextMaxLength).WithMessage($"The details must be {Complaint.TextMaxLength:N0} characters or fewer").OverridePropertyName("details");
        v.RuleFor(x => desired(x)).MaximumLength(Complaint.TextMaxLength).WithMessage($"What they want to happen must be {Complaint.TextMaxLength:N0} characters or fewer").OverridePropertyName("desiredOutcome");
    }
}

public sealed class LogComplaintValidator : AbstractValidator<LogComplaintCommand>
{
    public LogComplaintValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RuleFor(x => x.OrganisationId).NotEmpty().WithMessage("Choose the organisation that received the complaint");
        RuleFor(x => x.ReceivedAt).NotNull().WithMessage("Enter when the complaint was received")
            .Must((x, r) => r is null || LondonTime.AsGiven(r.Value, x.ReceivedTimeUnknown) <= time.GetUtcNow().AddMinutes(5)).WithMessage("When it was received cannot be in the future");
        RuleFor(x => x.Channel).NotNull().WithMessage("Choose how the complaint was received").IsInEnum().WithMessage("Choose how the complaint was received");
        ComplaintFieldRules.Apply(this, x => x.ComplainantName, x => x.ComplainantEmail, x => x.Relationship, x => x.About, x => x.Details, x => x.DesiredOutcome, emailRequired: false);
    }
}

public sealed class SubmitPublicComplaintValidator : AbstractValidator<SubmitPublicComplaintCommand>
{
    public SubmitPublicComplaintValidator()
    {
        ComplaintFieldRules.Apply(this, x => x.ComplainantName, x => x.ComplainantEmail, x => x.Relationship, x => x.About, x => x.Details, x => x.DesiredOutcome, emailRequired: true);
    }
}

public sealed class LogComplaintHandler(IIncidentsDb db, ICurrentUser user, ComplaintIntake intake) : IRequestHandler<LogComplaintCommand, LogComplaintResult>
{
    public async ValueTask<LogComplaintResult> Handle(LogComplaintCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var organisationId = command.OrganisationId!.Value;
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, cancellationToken))
        {
            throw new DomainException("Choose the organisation that received the complaint.", "organisationId");
        }

        if (!ComplaintAccess.MayLogFor(organisationId, user))
        {
            throw new ForbiddenException("You can log complaints only for your own organisation.");
        }

        return await intake.LogAsync(
            organisationId, command.AboutOrganisationId, command.ReceivedAt!.Value, command.Channel!.Value,
            command.ComplainantName!, command.ComplainantEmail, command.Relationship!, command.About!, command.Details!, command.DesiredOutcome,
            user.UserId, user.DisplayName, cancellationToken, command.ReceivedTimeUnknown);
    }
}

public sealed class SubmitPublicComplaintHandler(IIncidentsDb db, ComplaintIntake intake, TimeProvider time) : IRequestHandler<SubmitPublicComplaintCommand, LogComplaintResult>
{
    public async ValueTask<LogComplaintResult> Handle(SubmitPublicComplaintCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var target = await PublicComplaintTarget.FindAsync(db, command.Organisation, cancellationToken) ?? throw new NotFoundException("There is no such organisation.");
        return await intake.LogAsync(
            target.Id, target.IsSil ? command.AboutOrganisationId : null, time.GetUtcNow(), ComplaintChannel.Form,
            command.ComplainantName!, command.ComplainantEmail, command.Relationship!, command.About!, command.Details!, command.DesiredOutcome,
            null, "the complainant (online form)", cancellationToken);
    }
}

/// <summary>Writes a complaint: its reference (gapless per year, race-safe), the notices (who is told:
/// <see cref="ComplaintRouting"/>; the complainant's receipt), the acknowledgement clock's timers and the audit entry,
/// in one transaction; then asks for delivery and timers.</summary>
public sealed class ComplaintIntake(
    IIncidentsDb db,
    INotificationScheduler scheduler,
    TimerRequests timers,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<ComplaintIntake> logger)
{
    public async Task<LogComplaintResult> LogAsync(
        Guid handlingId, Guid? aboutId, DateTimeOffset receivedAt, ComplaintChannel channel, string name, string? email, string relationship,
        string about, string details, string? desiredOutcome, string? loggedByUserId, string loggedByName, CancellationToken cancellationToken,
        bool receivedTimeUnknown = false)
    {
        var sil = await db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleAsync(o => o.Kind == OrganisationKind.Sil, cancellationToken);
        var handling = handlingId == sil.Id
            ? sil
            : await db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleAsync(o => o.Id == handlingId, cancellationToken);
        Organisation? aboutSchool = null;
        if (aboutId is { } a && a != handling.Id)
        {
            if (handling.Kind != OrganisationKind.Sil)
            {
                throw new DomainException("Only a complaint to SIL can be about another organisation's data.", "aboutOrganisationId");
            }

            aboutSchool = await db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleOrDefaultAsync(o => o.Id == a && o.Kind == OrganisationKind.School, cancellationToken)
                ?? throw new DomainException("Choose a school from the list.", "aboutOrganisationId");
        }

        var now = time.GetUtcNow();
        if (receivedAt > now)
        {
            receivedAt = now;
        }

        var year = LondonTime.ToLondon(now).Year;
        await YearCounters.EnsureAsync(db, year, y => new ComplaintReferenceCounter(y, 0), cancellationToken);

        var recipients = ComplaintRouting.ReceivedNoticesFor(handling, aboutSchool, sil);
        var notifications = new List<Notification>();
        IReadOnlyList<DurableTimer> planned;
        Complaint complaint;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var number = await YearCounters.NextAsync<ComplaintReferenceCounter>(db, year, cancellationToken);
            complaint = new Complaint(
                Guid.CreateVersion7(now), ComplaintReference.Format(year, number), handling.Id, aboutSchool?.Id, receivedAt, now, channel,
                name.Trim(), email, relationship.Trim(), about.Trim(), details.Trim(), desiredOutcome?.Trim() ?? string.Empty, loggedByUserId, loggedByName,
                receivedTimeUnknown);
            db.Set<Complaint>().Add(complaint);

            notifications.AddRange(recipients.Select(r => new Notification(Guid.CreateVersion7(now), NotificationType.ComplaintReceived, null, r.Name, r.Email, now,
                reason: r.Reason, recipientOrganisation: r.Organisation, contactId: r.ContactId).AboutComplaint(complaint.Id)));
            if (complaint.ComplainantEmail is { } address)
            {
                notifications.Add(new Notification(Guid.CreateVersion7(now), NotificationType.ComplaintReceipt, null, complaint.ComplainantName, address, now)
                    .AboutComplaint(complaint.Id));
            }

            db.Notifications.AddRange(notifications);
            planned = ComplaintClock.Reminders(complaint.Id, complaint.AcknowledgeBy, now, () => Guid.CreateVersion7(now));
            db.Timers.AddRange(planned);
            await audit.AppendForComplaintAsync(complaint.Id, "ComplaintReceived", null, new
            {
                complaint.Reference,
                complaint.HandlingOrganisationId,
                complaint.AboutOrganisationId,
                complaint.Channel,
                complaint.ReceivedAt,
                complaint.ReceivedTimeUnknown,
                complaint.AcknowledgeBy,
                Told = notifications.Select(n => n.RecipientEmail),
            }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        JobRequests.Try(logger, notifications.Select(n => (Action)(() => scheduler.Enqueue(n.Id))));
        timers.AfterCommit(planned);
        return new LogComplaintResult(complaint.Id, complaint.Reference, complaint.AcknowledgeBy);
    }
}

/// <summary>The organisation a public complaint form is for: a school by its URN, or "sil".</summary>
public sealed record PublicComplaintTarget(Guid Id, string Name, bool IsSil, IReadOnlyList<(Guid Id, string Name)> Schools)
{
    public static async Task<PublicComplaintTarget?> FindAsync(IIncidentsDb db, string? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (string.IsNullOrWhiteSpace(key) || key.Length > 20)
        {
            return null;
        }

        var organisation = string.Equals(key, "sil", StringComparison.OrdinalIgnoreCase)
            ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Kind == OrganisationKind.Sil, cancellationToken)
            : await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Kind == OrganisationKind.School && o.Urn == key, cancellationToken);
        if (organisation is null)
        {
            return null;
        }

        var schools = organisation.Kind == OrganisationKind.Sil
            ? (await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.School).Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken))
                .OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).Select(o => (o.Id, o.Name)).ToList()
            : [];
        return new PublicComplaintTarget(organisation.Id, organisation.Name, organisation.Kind == OrganisationKind.Sil, schools);
    }
}

/// <summary>The public form's organisation, or 404.</summary>
[SentWithoutUser("The public complaint form: anyone, with antiforgery, rate limited per client address.")]
public sealed record PublicComplaintTargetQuery(string? Organisation) : IRequest<PublicComplaintTarget>;

public sealed class PublicComplaintTargetHandler(IIncidentsDb db) : IRequestHandler<PublicComplaintTargetQuery, PublicComplaintTarget>
{
    public async ValueTask<PublicComplaintTarget> Handle(PublicComplaintTargetQuery query, CancellationToken cancellationToken) =>
        await PublicComplaintTarget.FindAsync(db, query?.Organisation, cancellationToken) ?? throw new NotFoundException("There is no such organisation.");
}
