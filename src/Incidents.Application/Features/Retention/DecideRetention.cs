using FluentValidation;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Audit;
using Incidents.Domain.Common;
using Incidents.Domain.Evidence;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Retention;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Retention;

public enum RetentionAction
{
    Extend,
    Delete,
}

/// <summary>SIL's DPO decides on a record at its retention date: keep it until a later date (with the reason), or delete
/// its personal data. The skeleton stays: reference, kind, parties, dates, classification, severity, the decision's
/// outcome and answers, ICO case references and dates, counts and data categories.</summary>
[RequiresRole(Roles.Dpo, Message = "Only SIL's DPO may review records for retention.")]
public sealed record DecideRetentionCommand(Guid IncidentId, RetentionAction? Action, string? Reason, DateTimeOffset? Until = null) : IRequest<RetentionDecided>;

public sealed record RetentionDecided(Guid IncidentId, RetentionAction Action, DateTimeOffset? RetentionDate, int AuditEntriesRedacted, int AuditEntriesKept);

public sealed class DecideRetentionValidator : AbstractValidator<DecideRetentionCommand>
{
    public DecideRetentionValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RuleFor(c => c.Action).NotNull().WithMessage("Choose whether to extend or delete.").IsInEnum();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Give the reason.").MaximumLength(IncidentRetention.ReasonMaxLength);
        RuleFor(c => c.Until).NotNull().When(c => c.Action == RetentionAction.Extend).WithMessage("Enter the date to keep it until.")
            .Must(u => u is null || u > time.GetUtcNow()).WithMessage("The date to keep it until must be in the future.")
            .Must(u => u is null || u < time.GetUtcNow().AddYears(100)).WithMessage("Enter a date within the next 100 years.");
        RuleFor(c => c.Until).Null().When(c => c.Action == RetentionAction.Delete).WithMessage("A deletion has no date to keep it until.");
    }
}

public sealed class DecideRetentionHandler(IIncidentsDb db, ICurrentUser user, IAuditTrail audit, RetentionSettings settings, TimeProvider time)
    : IRequestHandler<DecideRetentionCommand, RetentionDecided>
{
    /// <summary>What replaces removed text in columns that may not be empty.</summary>
    public const string Removed = "Removed at retention review";

    public async ValueTask<RetentionDecided> Handle(DecideRetentionCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == c.IncidentId, cancellationToken)
            ?? throw new NotFoundException("There is no incident with that id.");
        var retention = await db.Set<IncidentRetention>().SingleOrDefaultAsync(r => r.IncidentId == incident.Id, cancellationToken);
        if (retention is null)
        {
            retention = new IncidentRetention(incident.Id);
            db.Set<IncidentRetention>().Add(retention);
        }

        if (incident.Status != IncidentStatus.Closed)
        {
            throw new DomainException("Only a closed incident has a retention date.", "action");
        }

        var before = RetentionRule.DueAt(incident.ClosedAt, settings.YearsAfterClosure, retention);
        RetentionDecided result;
        if (c.Action == RetentionAction.Extend)
        {
            retention.Extend(c.Until!.Value, c.Reason!.Trim(), user.DisplayName, now);
            await audit.AppendAsync(incident.Id, "RetentionExtended", new { RetentionDate = before }, new { RetentionDate = c.Until, Reason = c.Reason.Trim() }, cancellationToken);
            result = new RetentionDecided(incident.Id, RetentionAction.Extend, c.Until, 0, 0);
        }
        else
        {
            if (!RetentionRule.IsDue(incident.ClosedAt, settings.YearsAfterClosure, retention, now))
            {
                throw new DomainException($"This record is kept until {LondonTime.Format(before!.Value)}; it can be deleted once that date has passed.", "action");
            }

            var (redacted, kept) = await DeletePersonalDataAsync(incident, now, cancellationToken);
            retention.MarkDeleted(c.Reason!.Trim(), user.DisplayName, now);
            await audit.AppendAsync(incident.Id, "RetentionDeleted", new { RetentionDate = before }, new
            {
                Reason = c.Reason.Trim(),
                AuditEntriesRedacted = redacted,
                AuditEntriesKeptWithText = kept,
                // The digests of what was removed stay, so the removed text can still be matched if it is ever produced.
                RemovedDigests = new
                {
                    Summary = AuditEntry.Digest(incident.Summary),
                    Description = AuditEntry.Digest(incident.Description),
                    ContainmentActions = AuditEntry.Digest(incident.ContainmentActions),
                    Reporter = AuditEntry.Digest(incident.ReporterName),
                    DecisionRationale = AuditEntry.Digest(incident.DecisionRationale),
                    LessonsLearned = AuditEntry.Digest(incident.LessonsLearned),
                },
            }, cancellationToken);
            result = new RetentionDecided(incident.Id, RetentionAction.Delete, null, redacted, kept);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Removes the free text, names and addresses held about the incident, in every table that holds them,
    /// and the text of its audit entries (their digests stay, so the chain verifies). Returns (redacted, kept) entries.</summary>
    private async Task<(int Redacted, int Kept)> DeletePersonalDataAsync(Incident incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = incident.Id;
        await db.Incidents.Where(i => i.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Summary, Removed)
            .SetProperty(i => i.Description, string.Empty)
            .SetProperty(i => i.ContainmentActions, string.Empty)
            .SetProperty(i => i.ReporterName, Removed)
            .SetProperty(i => i.AwareAtReason, i => i.AwareAtReason == null ? null : Removed)
            .SetProperty(i => i.AssigneeName, i => i.AssigneeName == null ? null : Removed)
            .SetProperty(i => i.AssigneeEmail, (string?)null)
            .SetProperty(i => i.DecisionRationale, i => i.DecisionRationale == null ? null : Removed)
            .SetProperty(i => i.DecidedBy, i => i.DecidedBy == null ? null : Removed)
            .SetProperty(i => i.LessonsLearned, i => i.LessonsLearned == null ? null : Removed)
            .SetProperty(i => i.ClosureNote, i => i.ClosureNote == null ? null : Removed)
            .SetProperty(i => i.Version, i => i.Version + 1), cancellationToken);
        await db.IcoFilings.Where(f => f.IncidentId == id).ExecuteUpdateAsync(s => s
            .SetProperty(f => f.Nature, Removed)
            .SetProperty(f => f.DataSubjectCategories, Removed)
            .SetProperty(f => f.DpoContact, Removed)
            .SetProperty(f => f.LikelyConsequences, Removed)
            .SetProperty(f => f.Measures, Removed)
            .SetProperty(f => f.LateReason, f => f.LateReason == null ? null : Removed)
            .SetProperty(f => f.RecordedBy, Removed), cancellationToken);
        await db.DataSubjectNotices.Where(n => n.IncidentId == id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Notes, n => n.Notes == null ? null : Removed)
            .SetProperty(n => n.RecordedBy, Removed), cancellationToken);
        await db.IncidentActions.Where(a => a.IncidentId == id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Description, Removed)
            .SetProperty(a => a.AssignedTo, Removed)
            .SetProperty(a => a.CreatedBy, Removed)
            .SetProperty(a => a.CompletedBy, a => a.CompletedBy == null ? null : Removed)
            .SetProperty(a => a.CompletionNote, a => a.CompletionNote == null ? null : Removed), cancellationToken);
        await db.Attachments.Where(a => a.IncidentId == id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Content, Array.Empty<byte>())
            .SetProperty(a => a.FileName, "removed")
            .SetProperty(a => a.UploadedByName, Removed), cancellationToken);
        await db.Notifications.Where(n => n.IncidentId == id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.RecipientName, Removed)
            .SetProperty(n => n.RecipientEmail, string.Empty)
            .SetProperty(n => n.LastError, (string?)null), cancellationToken);
        await db.Alerts.Where(a => a.IncidentId == id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Message, Removed)
            .SetProperty(a => a.ResolvedBy, a => a.ResolvedBy == null ? null : Removed), cancellationToken);

        var entries = await db.AuditEntries.Where(e => e.IncidentId == id && e.RedactedAt == null).ToListAsync(cancellationToken);
        foreach (var entry in entries.Where(e => e.CanBeRedacted))
        {
            entry.Redact(now);
        }

        return (entries.Count(e => e.CanBeRedacted), entries.Count(e => !e.CanBeRedacted));
    }
}
