using Microsoft.AspNetCore.Identity;

namespace Incidents.Application.Common.Security;

/// <summary>A person who signs in. Each belongs to exactly one organisation.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public Guid OrganisationId { get; set; }

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>When an administrator disabled the account; null while it may sign in.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
