using Incidents.Application.Features.AccessRequests;
using Incidents.Web.Endpoints;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Incidents.Web.Pages.Account;

/// <summary>An invitation's link: the owner of a new account chooses its password. Sends one
/// <see cref="SetInvitedPasswordCommand"/>, then goes to the sign-in page.</summary>
[EnableRateLimiting(RateLimits.AccessRequest)]
public sealed class SetPasswordModel(ISender sender) : AppPageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var form = new FormFields(string.Empty).Field("Password", nameof(Password));
        var sent = SendAsync(form, [], async () => await sender.Send(new SetInvitedPasswordCommand(UserId, Token, Password), ct),
            () => Redirect("/account/sign-in?password=set"), () => Task.FromResult<IActionResult?>(null));
        Password = null;
        return sent;
    }
}
