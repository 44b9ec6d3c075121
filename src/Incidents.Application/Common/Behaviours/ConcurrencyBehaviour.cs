using Incidents.Application.Common.Exceptions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Common.Behaviours;

/// <summary>A save that lost a race (a concurrency token changed underneath it) is a conflict the caller can act on, not
/// a storage detail: every command answers it as <see cref="ConflictException"/> (409 in the API, a message on a page),
/// so no page or endpoint needs to know EF's exception.</summary>
public sealed class ConcurrencyBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(message, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new ConflictException("Someone else changed this at the same moment. Reload it and make your change again.", ex);
        }
    }
}
