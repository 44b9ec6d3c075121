using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages;

/// <summary>The start: the DPO and admins go to the triage queue, everyone else to their incidents.</summary>
public sealed class IndexModel(ICurrentUser user) : AppPageModel
{
    public IActionResult OnGet() =>
        Redirect(user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin) ? "/triage" : "/incidents");
}
