using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Complaints;
using Incidents.Application.Features.Organisations;
using Incidents.Domain.Common;
using Incidents.Domain.Complaints;
using Incidents.Domain.Organisations;
using Incidents.Web.Forms;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Complaints;

/// <summary>Staff log a complaint on the complainant's behalf: the same <see cref="LogComplaintCommand"/> as the API.</summary>
public sealed class LogModel(ISender sender, ICurrentUser user, TimeProvider time) : AppPageModel
{
    [BindProperty]
    public LogInput Input { get; set; } = new();

    public IReadOnlyList<OrganisationView> Organisations { get; private set; } = [];

    public bool MayChooseOrganisation => user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin);

    public bool HandlerIsSil => Organisations.Any(o => o.Kind == OrganisationKind.Sil && (MayChooseOrganisation || o.Id == user.OrganisationId));

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var now = LondonTime.ToLondon(time.GetUtcNow());
        Input.Organisation ??= user.OrganisationId.ToString();
        Input.ReceivedDay ??= now.Day.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.ReceivedMonth ??= now.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.ReceivedYear ??= now.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Most are logged as they arrive: the form offers now; an earlier day needs its time or "I do not know the time"
        // (what was offered is posted back, so the time now is never kept on another day unnoticed).
        Input.ReceivedTime ??= now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Input.Offered ??= GovUkDate.Offer(now);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The time it was received is given or explicitly unknown, never silently midnight.
        var (receivedAt, dateError) = ParseLondonDateTime(Input.ReceivedDay, Input.ReceivedMonth, Input.ReceivedYear, Input.ReceivedTime, timeRequired: true,
            "When it was received", Input.ReceivedTimeUnknown, Input.Offered);
        Guid? organisation = MayChooseOrganisation ? (Guid.TryParse(Input.Organisation, out var o) ? o : null) : user.OrganisationId;
        Guid? about = Guid.TryParse(Input.AboutOrganisationId, out var a) ? a : null;
        ComplaintChannel? channel = Enum.TryParse<ComplaintChannel>(Input.Channel, out var c) && Enum.IsDefined(c) ? c : null;
        var command = new LogComplaintCommand(organisation, receivedAt, channel, Input.ComplainantName, Input.ComplainantEmail, Input.Relationship,
            Input.About, Input.Details, Input.DesiredOutcome, about, Input.ReceivedTimeUnknown);
        var form = new FormFields("Input")
            .Field("OrganisationId", "Input.Organisation").Field("ReceivedAt", "Input.ReceivedDay").Field("Channel")
            .Field("ComplainantName").Field("ComplainantEmail").Field("Relationship").Field("AboutOrganisationId").Field("About").Field("Details").Field("DesiredOutcome")
            .ForbiddenShownOnForm();
        LogComplaintResult? logged = null;
        return await SendAsync(form, dateError is null ? [] : [("Input.ReceivedDay", dateError)],
            async () => logged = await sender.Send(command, ct),
            () => Redirect($"/complaints/{logged!.Id}?logged=1"),
            async () =>
            {
                await LoadAsync(ct);
                return null;
            });
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Organisations = (await sender.Send(new ListOrganisationsQuery(), ct)).OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public sealed class LogInput
    {
        public string? Organisation { get; set; }
        public string? ReceivedDay { get; set; }
        public string? ReceivedMonth { get; set; }
        public string? ReceivedYear { get; set; }
        public string? ReceivedTime { get; set; }
        public bool ReceivedTimeUnknown { get; set; }
        /// <summary>The date and time the form offered (<see cref="GovUkDate.Offer"/>).</summary>
        public string? Offered { get; set; }
        public string? Channel { get; set; }
        public string? ComplainantName { get; set; }
        public string? ComplainantEmail { get; set; }
        public string? Relationship { get; set; }
        public string? About { get; set; }
        public string? Details { get; set; }
        public string? DesiredOutcome { get; set; }
        public string? AboutOrganisationId { get; set; }
    }
}
