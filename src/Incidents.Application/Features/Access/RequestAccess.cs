using FluentValidation;
using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Access;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.AccessRequests;

/// <summary>Someone without an account asks for one (the request-access page, linked from the sign-in page and from
/// notice emails). The answer is the same whatever the email address: whether it belongs to an account, a contact or a
/// request already waiting is never shown. A new request is recorded, audited, and SIL's administrators are emailed.</summary>
[SentWithoutUser("The request-access form: anyone without an account, with antiforgery, rate limited per client address.")]
public sealed record RequestAccessCommand(string? Name, string? Email, Guid? OrganisationId, string? Reason, Guid? IncidentId = null) : IRequest<Unit>;

public sealed class RequestAccessValidator : AbstractValidator<RequestAccessCommand>
{
    public RequestAccessValidator(IIncidentsDb db)
    {
        ArgumentNullException.ThrowIfNull(db);
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter your full name.")
            .MaximumLength(AccessRequest.NameMaxLength).WithMessage($"Your name must be {AccessRequest.NameMaxLength} characters or fewer.")
            .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("Your name must be one line of text.");
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.")
            .MaximumLength(AccessRequest.EmailMaxLength).WithMessage($"Your email address must be {AccessRequest.EmailMaxLength} characters or fewer.")
            .EmailAddress().WithMessage("Enter an email address in the correct format, like name@example.com.")
            .Must(e => e is null || !e.Any(char.IsControl)).WithMessage("Enter an email address in the correct format, like name@example.com.");
        RuleFor(c => c.OrganisationId).NotEmpty().WithMessage("Choose your organisation.")
            .MustAsync(async (id, ct) => await db.Organisations.AnyAsync(o => o.Id == id, ct)).WithMessage("Choose your organisation.")
            .When(c => c.OrganisationId is not null && c.OrganisationId != Guid.Empty, ApplyConditionTo.CurrentValidator);
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Tell us why you need access.")
            .MaximumLength(AccessRequest.ReasonMaxLength).WithMessage($"Why you need access must be {AccessRequest.ReasonMaxLength:N0} characters or fewer.");
    }
}

public sealed class RequestAccessHandler(IIncidentsDb db, UserManager<ApplicationUser> users, IAuditTrail audit, INotificationScheduler scheduler, TimeProvider time, ILogger<RequestAccessHandler> logger)
    : IRequestHandler<RequestAccessCommand, Unit>
{
    public async ValueTask<Unit> Handle(RequestAccessCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var email = command.Email!.Trim();
        var now = time.GetUtcNow();

        // Someone who already has an account, or whose request already waits, gets the same answer and nothing new is
        // recorded (the administrators are not emailed twice for one person).
        if (await users.FindByEmailAsync(email) is not null
            || await db.Set<AccessRequest>().AnyAsync(r => r.Email == email && r.Status == AccessRequestStatus.Pending, cancellationToken))
        {
            logger.LogInformation("An access request was not recorded: an account or a pending request exists");
            return Unit.Value;
        }

        // The incident named by the link only if it exists (it is recorded for the administrator, never shown here).
        var incidentId = command.IncidentId is { } id && await db.Incidents.AnyAsync(i => i.Id == id, cancellationToken) ? id : (Guid?)null;
        var request = new AccessRequest(Guid.CreateVersion7(now), command.Name!.Trim(), email, command.OrganisationId!.Value, command.Reason!.Trim(), incidentId, now);

        // SIL's administrators (active accounts): recipients come from the accounts, never from the form.
        var admins = (await users.GetUsersInRoleAsync(Roles.Admin)).Where(a => a.DisabledAt is null && !string.IsNullOrWhiteSpace(a.Email)).ToList();
        var notices = admins.Select(a => new Notification(Guid.CreateVersion7(now), NotificationType.AccessRequested, null, a.DisplayName, a.Email!, now)).ToList();

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Set<AccessRequest>().Add(request);
            db.Notifications.AddRange(notices);
            await audit.AppendByAsync(incidentId, "access-request", request.Name, "AccessRequested", null,
                new { RequestId = request.Id, request.Name, request.Email, request.OrganisationId, request.Reason }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        JobRequests.Try(logger, notices.Select<Notification, Action>(n => () => scheduler.Enqueue(n.Id)));
        return Unit.Value;
    }
}
