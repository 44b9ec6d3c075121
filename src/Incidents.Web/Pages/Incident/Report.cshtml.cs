using System.Globalization;
using FluentValidation;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.Agreements;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.ReportingLinks;
using Incidents.Domain.Incidents;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>The report form. It builds the same <see cref="ReportIncidentCommand"/> the API sends; the command's
/// validator's errors come back against the form's fields. It also answers at an organisation's reporting link
/// (<c>/report/{token}</c>), signed out: then the reporter gives their name, role and email, the link decides the
/// reporting organisation, and an unknown, rotated or disabled link is a 404.</summary>
public sealed class ReportModel(ISender sender, ICurrentUser user, IEnumerable<IValidator<ReportIncidentCommand>> validators) : AppPageModel
{
    /// <summary>The form's fields in the order they are on the page (so the error summary lists errors in that order), and
    /// the command's properties shown against each; the facts' own go where <see cref="FactsInput.KeyFor"/> says.</summary>
    private static FormFields Form() => new FormFields("Input")
        .Field("ViaLink.Name", "Input.ReporterName").Field("ViaLink.Role", "Input.ReporterRole").Field("ViaLink.Email", "Input.ReporterEmail")
        .Field("Kind").Field("CounterpartyOrganisationId", "Input.Counterparty").Field("DiscoveredAt", "Input.DiscoveredDay")
        .Field("Summary").Field("Description").Field("DataCategories").Field("ApproximateDataSubjects").Field("ContainmentActions")
        .Otherwise(p => FactsInput.KeyFor("Facts", p))
        .ForbiddenShownOnForm();

    [BindProperty]
    public ReportInput Input { get; set; } = new();

    /// <summary>The facts the ICO asks for that the reporter knows (optional).</summary>
    [BindProperty]
    public FactsInput Facts { get; set; } = new();

    /// <summary>The parties the user's organisation has an agreement with (not terminated).</summary>
    public IReadOnlyList<(Guid Id, string Name)> Counterparties { get; private set; } = [];

    /// <summary>The reporting link's token when the form was opened through one (/report/{token}), else null.</summary>
    public string? LinkToken => RouteData.Values["token"] as string;

    /// <summary>Whose reporting link this is, when opened through one.</summary>
    public LinkReportForm? Link { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await OpenAsync(ct) is { } refused)
        {
            return refused;
        }

        await LoadAsync(ct);
        if (Counterparties.Count == 1)
        {
            Input.Counterparty = Counterparties[0].Id.ToString();
        }

        return Page();
    }

    /// <summary>Signed out, only a live reporting link opens the form (anything else at /report/... is a 404); the
    /// signed-in form sends a signed-out visitor to sign in.</summary>
    private async Task<IActionResult?> OpenAsync(CancellationToken ct)
    {
        if (LinkToken is { } token)
        {
            Link = await sender.Send(new GetLinkReportFormQuery(token), ct);
            return null;
        }

        return User.Identity?.IsAuthenticated == true ? null : Challenge(IdentityConstants.ApplicationScheme);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await OpenAsync(ct) is { } refused)
        {
            return refused;
        }

        // Only what the form itself can get wrong is checked here; every rule of the report is the command's validator's.
        var formErrors = new Dictionary<string, string>();
        var (discoveredAt, dateError) = ParseLondonDateTime(Input.DiscoveredDay, Input.DiscoveredMonth, Input.DiscoveredYear, Input.DiscoveredTime, timeRequired: true, "When it was discovered",
            Input.DiscoveredTimeUnknown);
        if (dateError is not null)
        {
            formErrors["Input.DiscoveredDay"] = dateError;
        }

        int? people = null;
        if (!string.IsNullOrWhiteSpace(Input.ApproximateDataSubjects))
        {
            if (int.TryParse(Input.ApproximateDataSubjects.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                people = n;
            }
            else
            {
                formErrors["Input.ApproximateDataSubjects"] = "Enter the number of people as a whole number, for example 28.";
            }
        }

        var facts = Facts.ReadReported("Facts", formErrors);
        Guid? counterparty = Guid.TryParse(Input.Counterparty, out var c) ? c : null;
        IncidentKind? kind = Enum.TryParse<IncidentKind>(Input.Kind, out var k) && Enum.IsDefined(k) ? k : null;
        var command = new ReportIncidentCommand(
            kind,
            counterparty,
            discoveredAt,
            Input.Summary,
            Input.Description,
            Input.DataCategories.Where(DataCategory.IsKnown).Distinct().ToList(),
            people,
            string.IsNullOrWhiteSpace(Input.ContainmentActions) ? null : Input.ContainmentActions)
        {
            Happened = facts.Happened, HappenedFrom = facts.HappenedFrom, HappenedTo = facts.HappenedTo, HowDiscovered = facts.HowDiscovered,
            StaffRole = facts.StaffRole, StaffTraining = facts.StaffTraining, StaffTrainedOn = facts.StaffTrainedOn, PeopleCategories = facts.PeopleCategories,
            PeopleCategoriesOther = facts.PeopleCategoriesOther, ApproximateRecords = facts.ApproximateRecords, LikelyConsequences = facts.LikelyConsequences,
            MeasuresBefore = facts.MeasuresBefore, DiscoveredTimeUnknown = discoveredAt is not null && Input.DiscoveredTimeUnknown, HappenedFromTimeUnknown = facts.HappenedFromTimeUnknown, HappenedToTimeUnknown = facts.HappenedToTimeUnknown,
            ViaLink = Link is null ? null : new LinkReporter(LinkToken, Input.ReporterName, Input.ReporterRole, Input.ReporterEmail),
        };
        return await SendAsync(Form(), formErrors.Select(e => (e.Key, e.Value)).ToList(),
            async () =>
            {
                var result = await sender.Send(command, ct);
                Reported = Link is null ? $"/incidents/{result.Id}/reported" : $"/report/{Uri.EscapeDataString(LinkToken!)}/reported";
                if (Link is not null)
                {
                    // The reporter has no account and may not open the incident: the confirmation is carried to the next page.
                    TempData[ReportingLinks.ReportedModel.TempDataKey] = ReportingLinks.ReportedModel.Carry(result);
                }
            },
            () => Redirect(Reported!),
            async () =>
            {
                await LoadAsync(ct);
                return null;
            },
            // The form has errors of its own: the command is not sent, but its validators still check the other fields,
            // so that every problem is shown at once. (A 404 means the link was rotated or turned off while the form was open.)
            () => CheckAsync(validators, command, ct));
    }

    private string? Reported { get; set; }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Link is not null)
        {
            Counterparties = Link.Counterparties.Select(p => (p.Id, p.Name)).ToList();
            return;
        }

        var me = user.OrganisationId;
        var agreements = await sender.Send(new ListAgreementsQuery(), ct);
        Counterparties = agreements
            .Where(a => a.Status != AgreementStatus.Terminated && (a.School.Id == me || a.Sil.Id == me))
            .Select(a => a.Sil.Id == me ? (a.School.Id, a.School.Name) : (a.Sil.Id, a.Sil.Name))
            .DistinctBy(p => p.Item1)
            .OrderBy(p => p.Item2, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public sealed class ReportInput
    {
        /// <summary>Through a reporting link only: who is reporting (they have no account).</summary>
        public string? ReporterName { get; set; }

        public string? ReporterRole { get; set; }

        /// <summary>Through a reporting link only: where their receipt goes (and nothing else).</summary>
        public string? ReporterEmail { get; set; }

        public string? Kind { get; set; }

        public string? Counterparty { get; set; }

        public string? DiscoveredDay { get; set; }

        public string? DiscoveredMonth { get; set; }

        public string? DiscoveredYear { get; set; }

        public string? DiscoveredTime { get; set; }

        /// <summary>"I do not know the time": the clock then runs from the start of that day (the earliest it can have been).</summary>
        public bool DiscoveredTimeUnknown { get; set; }

        public string? Summary { get; set; }

        public string? Description { get; set; }

        public IList<string> DataCategories { get; set; } = [];

        public string? ApproximateDataSubjects { get; set; }

        public string? ContainmentActions { get; set; }
    }
}
