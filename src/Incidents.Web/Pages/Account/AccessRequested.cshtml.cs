namespace Incidents.Web.Pages.Account;

/// <summary>The answer to every request for access: the same words whether or not the email address is known.</summary>
public sealed class AccessRequestedModel : AppPageModel
{
    public void OnGet()
    {
    }
}
