using Incidents.Domain.Common;

namespace Incidents.Domain.Access;

public enum AccessRequestStatus
{
    Pending,
    Approved,
    Declined,
}

/// <summary>
/// Someone without an account (typically a designated officer who opened an incident link from a notice) asks for one.
/// SIL's administrators approve it (an account is made, with the role the contacts give, and the requester is invited
/// to set a password) or decline it. The request is a record of what was asked, by whom and what was decided.
/// </summary>
public sealed class AccessRequest
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 256;
    public const int ReasonMaxLength = 2000;

    private AccessRequest()
    {
    }

    public AccessRequest(Guid id, string name, string email, Guid organisationId, string reason, Guid? incidentId, DateTimeOffset requestedAt)
    {
        Id = id;
        Name = name;
        Email = email;
        OrganisationId = organisationId;
        Reason = reason;
        IncidentId = incidentId;
        RequestedAt = requestedAt;
        Status = AccessRequestStatus.Pending;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = string.Empty;
    public string Email { get; private set; } = string.Empty;
    public Guid OrganisationId { get; private set; }
    public string Reason { get; private set; } = string.Empty;

    /// <summary>The incident whose link the requester followed, when they came from one.</summary>
    public Guid? IncidentId { get; private set; }

    public DateTimeOffset RequestedAt { get; private set; }
    public AccessRequestStatus Status { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }

    /// <summary>The role the account was given on approval.</summary>
    public string? GrantedRole { get; private set; }

    public string? UserId { get; private set; }

    public void Approve(string userId, string role, string by, DateTimeOffset at)
    {
        EnsurePending();
        Status = AccessRequestStatus.Approved;
        UserId = userId;
        GrantedRole = role;
        DecidedBy = by;
        DecidedAt = at;
    }

    public void Decline(string by, DateTimeOffset at)
    {
        EnsurePending();
        Status = AccessRequestStatus.Declined;
        DecidedBy = by;
        DecidedAt = at;
    }

    private void EnsurePending()
    {
        if (Status != AccessRequestStatus.Pending)
        {
            throw new DomainException("This request has already been decided.");
        }
    }
}
