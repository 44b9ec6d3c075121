using Incidents.Application.Common.Security;
using Incidents.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Account;

/// <summary>Sign in with email and password (Identity cookie). The same message whether or not the account exists;
/// after 5 failures the answer is "locked for 15 minutes" for any address (see PasswordSignIn).</summary>
public sealed class SignInModel(Incidents.Web.Infrastructure.PasswordSignIn signIn) : AppPageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl());
        }

        var singleSignOn = SingleSignOnMessage(Request.Query["sso"], Request.Query["reason"]);
        if (singleSignOn is not null)
        {
            AddError(string.Empty, singleSignOn);
        }

        return Page();
    }

    /// <summary>Why single sign-on sent the user back here. Only known codes are shown, each with its own fixed words.</summary>
    public static string? SingleSignOnMessage(string? sso, string? reason) => sso switch
    {
        "refused" when Enum.TryParse<SingleSignOnRefusal>(reason, ignoreCase: false, out var code) && Enum.IsDefined(code) => SingleSignOnUsers.Explain(code),
        "refused" or "failed" => "Sign-in with your council account did not work. Try again, or sign in with your email address and password.",
        "unavailable" => "Sign-in with your council account is not available at the moment. Try again later, or sign in with your email address and password.",
        _ => null,
    };

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            AddError("Input.Email", "Enter your email address.");
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            AddError("Input.Password", "Enter your password.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Sign-in through the Identity application cookie (the default scheme of SignInManager).
        var result = await signIn.SignInAsync(Input.Email!, Input.Password!, IdentityConstants.ApplicationScheme);
        if (result == Incidents.Web.Infrastructure.PasswordSignIn.Result.LockedOut)
        {
            AddError("Input.Email", "Sign-in is locked for 15 minutes after repeated failed attempts. Try again later.");
            Input.Password = null;
            return Page();
        }

        if (result != Incidents.Web.Infrastructure.PasswordSignIn.Result.Succeeded)
        {
            AddError("Input.Email", "Email address or password is incorrect.");
            Input.Password = null;
            return Page();
        }

        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) && !ReturnUrl.StartsWith("/account/sign-out", StringComparison.OrdinalIgnoreCase) ? ReturnUrl : "/";

    public sealed class SignInInput
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}
