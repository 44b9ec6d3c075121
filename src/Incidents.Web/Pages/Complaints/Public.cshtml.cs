using System.Text.RegularExpressions;
using Incidents.Application.Features.Complaints;
using Incidents.Web.Endpoints;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Incidents.Web.Pages.Complaints;

/// <summary>The public complaint form of one organisation (<c>/complain/{urn}</c>, <c>/complain/sil</c>): no account,
/// antiforgery (as every form), no JavaScript, rate limited per client address. It sends one
/// <see cref="SubmitPublicComplaintCommand"/>; its validator's errors come back against the fields.</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.PublicComplaint)]
public sealed partial class PublicModel(ISender sender) : AppPageModel
{
    /// <summary>The form's fields in page order (the school it is about is asked after the relationship).</summary>
    internal static readonly string[] Known = ["ComplainantName", "ComplainantEmail", "Relationship", "AboutOrganisationId", "About", "Details", "DesiredOutcome"];

    [FromRoute]
    public string Organisation { get; set; } = string.Empty;

    [BindProperty]
    public PublicInput Input { get; set; } = new();

    public PublicComplaintTarget Target { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Target = await sender.Send(new PublicComplaintTargetQuery(Organisation), ct);

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Target = await sender.Send(new PublicComplaintTargetQuery(Organisation), ct);

        Guid? about = Target.IsSil && Guid.TryParse(Input.AboutOrganisationId, out var a) ? a : null;
        var reference = string.Empty;
        return await SendAsync(FormFields.InOrder("Input", Known), [],
            async () => reference = (await sender.Send(new SubmitPublicComplaintCommand(
                Organisation, Input.ComplainantName, Input.ComplainantEmail, Input.Relationship, Input.About, Input.Details, Input.DesiredOutcome, about), ct)).Reference,
            () => Redirect($"/complain/{Uri.EscapeDataString(Organisation.ToLowerInvariant())}/sent?reference={Uri.EscapeDataString(reference)}"),
            () => Task.FromResult<IActionResult?>(null));
    }

    public sealed class PublicInput
    {
        public string? ComplainantName { get; set; }
        public string? ComplainantEmail { get; set; }
        public string? Relationship { get; set; }
        public string? About { get; set; }
        public string? Details { get; set; }
        public string? DesiredOutcome { get; set; }
        public string? AboutOrganisationId { get; set; }
    }

    [GeneratedRegex("^CMP-[0-9]{4}-[0-9]{5}$")]
    internal static partial Regex ReferenceFormat();
}
