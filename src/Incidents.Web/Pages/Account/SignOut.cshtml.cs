using Incidents.Application.Common.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Account;

/// <summary>Signing out is a POST (with antiforgery); the GET only offers the button. It ends every session of the
/// account, on every device.</summary>
public sealed class SignOutModel(SignInManager<ApplicationUser> signIn) : AppPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await Endpoints.AuthEndpoints.EndSessionsAsync(signIn, HttpContext);
        return Redirect("/account/sign-in");
    }
}
