using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Microsoft.AspNetCore.Identity;

namespace Incidents.Application.Features.AccessRequests;

/// <summary>An invitation's link: /account/set-password with the account's id and a password reset token, made with
/// Identity's token provider (single use: setting the password changes the security stamp, which ends the token).</summary>
public sealed class InviteLinks(UserManager<ApplicationUser> users, NotificationSettings settings) : IInviteLinks
{
    public async Task<Uri?> ForAsync(string email, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            return null;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        return new Uri(settings.PublicUrl, $"account/set-password?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}");
    }
}
