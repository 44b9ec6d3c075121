using System.Reflection;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Mediator;

namespace Incidents.Application.Common.Behaviours;

/// <summary>Enforces the access a request type declares (<see cref="AccessAttribute"/>) before anything else runs, so a
/// refused caller learns nothing from validation errors and no handler repeats the role check.</summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly AccessAttribute? Declared = typeof(TMessage).GetCustomAttribute<AccessAttribute>(inherit: false);

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        Check(Declared, user, message as IMayProveAccessOtherwise);
        return next(message, cancellationToken);
    }

    /// <summary>The one check; public for the unit tests of each declaration.</summary>
    public static void Check(AccessAttribute? declared, ICurrentUser user, IMayProveAccessOtherwise? proof = null)
    {
        if (Access.Permits(declared, user, proof?.CarriesOtherProof == true))
        {
            return;
        }

        throw declared switch
        {
            RequiresRoleAttribute { DenyAsNotFound: true } required => new NotFoundException(required.Message),
            RequiresRoleAttribute required => new ForbiddenException(required.Message),
            RequiresSignInAttribute => new ForbiddenException("Sign in to do this."),
            // A request with no declaration is refused rather than let through: forgetting to say who may send it must
            // fail closed (the architecture test names such types before they ship).
            _ => new ForbiddenException($"{typeof(TMessage).Name} does not declare who may send it."),
        };
    }
}
