using Incidents.Application.Common.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Account;

/// <summary>Signing out is a POST (with antiforgery); the GET only offers the button.</summary>
public sealed class SignOutModel(SignInManager<ApplicationUser> signIn) : AppPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/account/sign-in");
    }
}
