namespace Incidents.Application.Common.Interfaces;

/// <summary>The signed-in user. The reporting organisation and the reporter always come from here, never from a request body.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }

    string UserId { get; }
    string DisplayName { get; }
    Guid OrganisationId { get; }
    bool IsInRole(string role);
}
