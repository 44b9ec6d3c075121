using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Web.Pages;

/// <summary>The GOV.UK-style page a browser sees for an error status on a page address (the API answers
/// ProblemDetails): re-executed by the status-code and exception middleware for anything that is not /api.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : AppPageModel
{
    public StatusMessage Message { get; private set; } = Describe(500);

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private PageResult Show(int code)
    {
        Message = Describe(code);
        Response.StatusCode = code is >= 400 and <= 599 ? code : 500;
        return Page();
    }

    public static StatusMessage Describe(int code) => code switch
    {
        404 or 405 => new("Page not found", "If you typed the web address, check it is correct. If you pasted the web address, check you copied the entire address. If you followed a link, the thing it points to may not exist, or you may not be allowed to see it."),
        403 => new("You cannot do this", "Your role does not allow this. Ask SIL's data protection officer if you think it should."),
        400 => new("Sorry, there is a problem with that request", "Go back and try again. If it keeps happening, tell SIL's data protection officer what you were doing."),
        429 => new("Too many requests", "You have made too many requests in a short time. Wait a minute, then try again."),
        413 => new("That was too large to send", "Go back and send something smaller."),
        _ => new("Sorry, there is a problem with the service", "Try again later. Anything you had already sent has been kept. If you were reporting a breach and it did not go through, tell SIL's data protection officer by email or phone now."),
    };
}
