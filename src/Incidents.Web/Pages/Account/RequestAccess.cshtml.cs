using Incidents.Application.Features.AccessRequests;
using Incidents.Web.Endpoints;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Incidents.Web.Pages.Account;

/// <summary>Ask for an account (no account needed): name, email, organisation, reason. Antiforgery (as every form), no
/// JavaScript, rate limited per client address. It sends one <see cref="RequestAccessCommand"/>; the answer is the same
/// confirmation page whether or not the email address is known.</summary>
[EnableRateLimiting(RateLimits.AccessRequest)]
public sealed class RequestAccessModel(ISender sender) : AppPageModel
{
    private static readonly string[] Known = ["Name", "Email", "OrganisationId", "Reason"];

    [BindProperty]
    public RequestInput Input { get; set; } = new();

    /// <summary>Where the requester was going (an incident's page, from a notice's link).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IReadOnlyList<AccessOrganisation> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Organisations = await sender.Send(new ListAccessOrganisationsQuery(), ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Guid? organisation = Guid.TryParse(Input.OrganisationId, out var o) ? o : null;
        return SendAsync(FormFields.InOrder("Input", Known), [],
            () => sender.Send(new RequestAccessCommand(Input.Name, Input.Email, organisation, Input.Reason, IncidentFrom(ReturnUrl)), ct).AsTask(),
            () => Redirect("/account/request-access/sent"),
            async () =>
            {
                Organisations = await sender.Send(new ListAccessOrganisationsQuery(), ct);
                return null;
            });
    }

    /// <summary>The incident of a return address /incidents/{id}[/...], else null.</summary>
    public static Guid? IncidentFrom(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith("/incidents/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var segment = returnUrl["/incidents/".Length..].Split('/', '?', '#')[0];
        return Guid.TryParse(segment, out var id) ? id : null;
    }

    public sealed class RequestInput
    {
        public string? Name { get; set; }

        public string? Email { get; set; }

        public string? OrganisationId { get; set; }

        public string? Reason { get; set; }
    }
}
