using Incidents.Application.Common.Security;
using Microsoft.AspNetCore.Identity;
using Incidents.Web.Endpoints;
using Incidents.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Incidents.Web.Pages.Account;

/// <summary>Sign in with email and password (Identity cookie), through the one password path and rate limit that the
/// API's login uses. The same message whether or not the account exists.</summary>
[EnableRateLimiting(RateLimits.Password)]
public sealed class SignInModel(PasswordSignIn signIn) : AppPageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Arriving from an incident's link (a notice email): the page offers a way to ask for an account.</summary>
    public bool ArrivingForIncident => RequestAccessModel.IncidentFrom(ReturnUrl) is not null;

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
        foreach (var (field, message) in PasswordSignIn.Check(Input.Email, Input.Password))
        {
            AddError(field == "email" ? "Input.Email" : "Input.Password", message);
        }

        if (!ModelState.IsValid)
        {
            Input.Password = null;
            if (Input.Email?.Length > PasswordSignIn.EmailMaxLength)
            {
                Input.Email = null;
            }

            return Page();
        }

        var result = await signIn.SignInAsync(Input.Email!, Input.Password!, RateLimits.ClientAddress(HttpContext), IdentityConstants.ApplicationScheme);
        if (result.Outcome != PasswordSignIn.Outcome.Succeeded)
        {
            AddError("Input.Email", result.Message);
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
