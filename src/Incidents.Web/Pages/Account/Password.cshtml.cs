using FluentValidation;
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

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        try
        {
            var user = await sender.Send(new ChangePasswordCommand(Input.CurrentPassword, Input.NewPassword), cancellationToken);
            await signIn.RefreshSignInAsync(user);
            return RedirectToPage(new { changed = true });
        }
        catch (ValidationException ex)
        {
            AddErrors(ex, Fields("Input", new Dictionary<string, string>(), nameof(PasswordInput.CurrentPassword), nameof(PasswordInput.NewPassword)));
            Input = new PasswordInput();
            return Page();
        }
    }

    public sealed class PasswordInput
    {
        public string? CurrentPassword { get; set; }

        public string? NewPassword { get; set; }
    }
}
