using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Webhooks;

/// <summary>Disable (no new deliveries; owed ones are skipped) or enable an endpoint again.</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may manage webhooks.")]
public sealed record SetWebhookActiveCommand(Guid EndpointId, bool Active) : IRequest<Guid>;

/// <summary>Remove an endpoint and its delivery history.</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may manage webhooks.")]
public sealed record DeleteWebhookCommand(Guid EndpointId) : IRequest<Guid>;

public sealed class SetWebhookActiveHandler(IIncidentsDb db, IAuditTrail audit, TimeProvider time) : IRequestHandler<SetWebhookActiveCommand, Guid>
{
    public async ValueTask<Guid> Handle(SetWebhookActiveCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == command.EndpointId, cancellationToken)
            ?? throw new NotFoundException("There is no webhook endpoint with that id.");
        if (command.Active)
        {
            endpoint.Enable();
        }
        else
        {
            endpoint.Disable(time.GetUtcNow());
        }

        await audit.AppendAsync(null, command.Active ? "WebhookEnabled" : "WebhookDisabled", null, new { EndpointId = endpoint.Id, endpoint.Url }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return endpoint.Id;
    }
}

public sealed class DeleteWebhookHandler(IIncidentsDb db, IAuditTrail audit) : IRequestHandler<DeleteWebhookCommand, Guid>
{
    public async ValueTask<Guid> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var endpoint = await db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == command.EndpointId, cancellationToken)
            ?? throw new NotFoundException("There is no webhook endpoint with that id.");
        await db.Set<WebhookDelivery>().Where(d => d.EndpointId == endpoint.Id).ExecuteDeleteAsync(cancellationToken);
        db.Set<WebhookEndpoint>().Remove(endpoint);
        await audit.AppendAsync(null, "WebhookDeleted", null, new { EndpointId = endpoint.Id, endpoint.Url }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return endpoint.Id;
    }
}
