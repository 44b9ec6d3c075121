using System.Globalization;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>"Facts the ICO asks for": SIL's DPO completes and corrects what the ICO's breach form asks. One command
/// (<see cref="RecordIcoFactsCommand"/>), audited, against the version the form was loaded with (409 if stale).</summary>
public sealed class FactsModel(ISender sender, ICurrentUser user) : AppPageModel
{
    [BindProperty]
    public FactsInput Facts { get; set; } = new();

    [BindProperty]
    public string? Version { get; set; }

    public IncidentDetails Incident { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!IsManager)
        {
            return ForbiddenPage("Only SIL's data protection officer or an administrator may record these facts. You can add a dated update to the incident instead.");
        }

        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        Facts = FactsInput.From(Incident.Facts!, Incident.DataCategories, Incident.ApproximateDataSubjects);
        Version = Incident.Version.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!IsManager)
        {
            return ForbiddenPage();
        }

        var formErrors = new Dictionary<string, string>();
        var facts = Facts.ReadAll("Facts", formErrors);
        var people = Facts.ReadPeople("Facts.ApproximateDataSubjects", formErrors);
        var version = int.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
        var command = new RecordIcoFactsCommand(id, version, facts.Happened, facts.HappenedFrom, facts.HappenedTo, facts.HowDiscovered, facts.StaffRole,
            facts.StaffTraining, facts.StaffTrainedOn, facts.PeopleCategories, facts.PeopleCategoriesOther, facts.ApproximateRecords, facts.LikelyConsequences,
            facts.MeasuresBefore, facts.OrganisationsTold, facts.NoOtherOrganisationsTold, facts.PeopleTold, facts.PeopleToldOn, facts.PeopleNotToldException,
            facts.PeopleNotToldReason, facts.IcoAdviceOn, facts.IcoAdvice, facts.IcoOutcomeOn, facts.IcoOutcome,
            Facts.DataCategories.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList(), people, facts.HappenedFromTimeUnknown, facts.HappenedToTimeUnknown);
        var form = new FormFields("Facts").Otherwise(p => FactsInput.KeyFor("Facts", p));
        return await SendAsync(form, formErrors.Select(e => (e.Key, e.Value)).ToList(),
            () => sender.Send(command, ct).AsTask(),
            () => Redirect($"/incidents/{id}/ico-summary"),
            async () =>
            {
                if (await LoadAsync(id, ct) is { } missing)
                {
                    return missing;
                }

                Facts.EnsureOrganisationRows();
                if (Conflicted)
                {
                    Facts = FactsInput.From(Incident.Facts!, Incident.DataCategories, Incident.ApproximateDataSubjects);
                    Version = Incident.Version.ToString(CultureInfo.InvariantCulture);
                }

                return null;
            });
    }

    private bool IsManager => Access.Allows<RecordIcoFactsCommand>(user);

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        Incident = await sender.Send(new GetIncidentQuery(id), ct);
        return null;
    }
}
