using Incidents.Application.Common.Interfaces;

namespace Incidents.Application.Common.Security;

/// <summary>Who may send a command or query, declared once on the request type and enforced by
/// <see cref="Behaviours.AuthorizationBehaviour{TMessage, TResponse}"/> before validation or the handler runs. Every
/// request in the application carries exactly one of <see cref="RequiresRoleAttribute"/>,
/// <see cref="RequiresSignInAttribute"/> or <see cref="SentWithoutUserAttribute"/> (an architecture test holds this), so
/// "who may do this" is read in one place. Which <em>records</em> a permitted caller may touch (their own
/// organisation's, the parties to an agreement) stays with the data: <see cref="IncidentAccess"/> and the handlers.</summary>
public abstract class AccessAttribute : Attribute;

/// <summary>Asks the declarations without sending anything: may this user send a <typeparamref name="TRequest"/>? For
/// queries that tell a page which actions to offer.</summary>
public static class Access
{
    public static bool Allows<TRequest>(ICurrentUser user)
        where TRequest : Mediator.IMessage =>
        Permits(typeof(TRequest).GetCustomAttributes(typeof(AccessAttribute), false).SingleOrDefault() as AccessAttribute, user, carriesOtherProof: false);

    /// <summary>The one decision: does <paramref name="declared"/> let this user (or a request carrying another proof)
    /// through? No declaration lets nobody through.</summary>
    public static bool Permits(AccessAttribute? declared, ICurrentUser user, bool carriesOtherProof)
    {
        ArgumentNullException.ThrowIfNull(user);
        return declared switch
        {
            RequiresRoleAttribute r => user.IsAuthenticated && r.Roles.Any(user.IsInRole),
            RequiresSignInAttribute => user.IsAuthenticated || carriesOtherProof,
            SentWithoutUserAttribute => true,
            _ => false,
        };
    }
}

/// <summary>Only a signed-in user holding one of <see cref="Roles"/> may send this request; anyone else gets
/// <see cref="Exceptions.ForbiddenException"/> with <see cref="Message"/> (or not-found, when
/// <see cref="DenyAsNotFound"/> hides that the thing exists).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresRoleAttribute(params string[] roles) : AccessAttribute
{
    public IReadOnlyList<string> Roles { get; } = roles;

    /// <summary>What the refused caller reads.</summary>
    public string Message { get; init; } = "Your role may not do this.";

    /// <summary>Answer a refused caller as if the thing did not exist (404), where its existence is itself a fact.</summary>
    public bool DenyAsNotFound { get; init; }
}

/// <summary>Any signed-in user may send this request; the handler limits it to the records they may see.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresSignInAttribute : AccessAttribute;

/// <summary>A <see cref="RequiresSignInAttribute"/> request that someone without a session may also send when it carries
/// another proof (a reporting link's token), which its handler then checks.</summary>
public interface IMayProveAccessOtherwise
{
    bool CarriesOtherProof { get; }
}

/// <summary>Sent by the system itself (a job, a timer, the reconciler) or by a caller who proves something other than
/// a session (an API key, a refresh token, a public form's rate-limited post); the handler checks that proof.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SentWithoutUserAttribute(string why) : AccessAttribute
{
    public string Why { get; } = why;
}
