using Incidents.Application.Common.Security;
using Incidents.Application.Features.Users;
using Incidents.Web.Endpoints;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Incidents.Web.Pages.Account;

/// <summary>Change my password: every other session of the account ends; this one carries on.</summary>
[EnableRateLimiting(RateLimits.Password)]
public sealed class PasswordModel(ISender sender, SignInManager<ApplicationUser> signIn) : AppPageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Changed { get; private set; }

    public void OnGet(bool changed = false) => Changed = changed;

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var form = new FormFields("Input").Field(nameof(PasswordInput.CurrentPassword)).Field(nameof(PasswordInput.NewPassword));
        return SendAsync(form, [],
            async () =>
            {
                var user = await sender.Send(new ChangePasswordCommand(Input.CurrentPassword, Input.NewPassword), cancellationToken);
                await signIn.RefreshSignInAsync(user);
            },
            () => RedirectToPage(new { changed = true }),
            () =>
            {
                Input = new PasswordInput();
                return Task.FromResult<IActionResult?>(null);
            });
    }

    public sealed class PasswordInput
    {
        public string? CurrentPassword { get; set; }

        public string? NewPassword { get; set; }
    }
}
