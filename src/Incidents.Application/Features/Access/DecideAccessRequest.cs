using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Users;
using Incidents.Domain.Access;
using Incidents.Domain.Common;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.AccessRequests;

/// <summary>An administrator approves an access request (the account is made with the role <see cref="AccessRoles"/>
/// gives, with no password, and its owner is emailed an invitation to set one) or declines it. Audited.</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may decide access requests.")]
public sealed record DecideAccessRequestCommand(Guid RequestId, bool Approve) : IRequest<AccessDecision>;

public sealed record AccessDecision(Guid RequestId, AccessRequestStatus Status, string? UserId, string? Role);

public sealed class DecideAccessRequestHandler(IIncidentsDb db, UserManager<ApplicationUser> users, ICurrentUser caller, IAuditTrail audit,
    INotificationScheduler scheduler, TimeProvider time, ILogger<DecideAccessRequestHandler> logger) : IRequestHandler<DecideAccessRequestCommand, AccessDecision>
{
    public async ValueTask<AccessDecision> Handle(DecideAccessRequestCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await db.Set<AccessRequest>().SingleOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken)
            ?? throw new NotFoundException("There is no access request with that id.");
        if (request.Status != AccessRequestStatus.Pending)
        {
            throw new DomainException("This request has already been decided.");
        }

        Notification? invite = null;
        if (command.Approve)
        {
            if (await users.FindByEmailAsync(request.Email) is not null)
            {
                throw new DomainException("There is already an account with this email address. Decline the request.");
            }

            var role = await AccessRoles.ForAsync(db, request.Email, request.OrganisationId, cancellationToken);
            var user = new ApplicationUser
            {
                UserName = request.Email,
                Email = request.Email,
                EmailConfirmed = true,
                DisplayName = request.Name,
                OrganisationId = request.OrganisationId,
                LockoutEnabled = true,
            };

            // No password: the owner chooses one from the invitation's link.
            IdentityErrors.ThrowIfFailed(await users.CreateAsync(user), string.Empty);
            IdentityErrors.ThrowIfFailed(await users.AddToRoleAsync(user, role), string.Empty);
            request.Approve(user.Id, role, caller.DisplayName, now);
            invite = new Notification(Guid.CreateVersion7(now), NotificationType.AccountInvite, null, user.DisplayName, user.Email, now);
            db.Notifications.Add(invite);
            await audit.AppendAsync(request.IncidentId, "AccessRequestApproved", null, new { RequestId = request.Id, request.Email, UserId = user.Id, Role = role }, cancellationToken);
        }
        else
        {
            request.Decline(caller.DisplayName, now);
            await audit.AppendAsync(request.IncidentId, "AccessRequestDeclined", null, new { RequestId = request.Id, request.Email }, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (invite is not null)
        {
            JobRequests.Try(logger, [() => scheduler.Enqueue(invite.Id)]);
        }

        return new AccessDecision(request.Id, request.Status, request.UserId, request.GrantedRole);
    }
}
