using System.Globalization;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>Scores the severity (ENISA) of a triaged incident: the triage command with the classification, awareness
/// and assignee as they stand and the new score.</summary>
public sealed class SeverityTaskModel(ISender sender) : IncidentPageModel(sender)
{
    [BindProperty]
    public SeverityForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, IncidentTasks.Severity, ct) is { } refused)
        {
            return refused;
        }

        Input.Severity = FromRecord(Workspace);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, IncidentTasks.Severity, ct) is { } refused)
        {
            return refused;
        }

        var form = SeverityFields.AddTo(new FormFields("Input"), "Input.Severity").Field("Classification", string.Empty);
        var formErrors = new List<(string, string)>();
        if (!Input.Severity.Answered)
        {
            formErrors.Add(("Input.Severity.Context", "Choose what kind of data was involved."));
        }

        var triage = Incident.Triage;
        var command = new TriageIncidentCommand(id, Version(Input.Version), triage.Classification, Incident.IcoClock.AwareAt, triage.AssigneeUserId,
            Input.Severity.ToCommand(), Incident.IcoDuty.AwareAtReason);
        return await SaveAsync(id, IncidentTasks.Severity, form, formErrors, () => Sender.Send(command, ct).AsTask(), "The severity has been scored.", ct);
    }

    /// <summary>The form as the record stands: the score's answers, and "children's data" ticked when the categories
    /// reported say so.</summary>
    public static SeverityFields FromRecord(IncidentWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        if (workspace.Incident.Triage.Severity is not { } s)
        {
            return new SeverityFields { ChildrensData = workspace.ChildrensDataReported };
        }

        var context = s.ChildrensData ? Math.Max(1, s.DataProcessingContext - 1) : s.DataProcessingContext;
        return new SeverityFields
        {
            Context = context.ToString(CultureInfo.InvariantCulture),
            ChildrensData = s.ChildrensData,
            Ease = s.EaseOfIdentification.ToString(CultureInfo.InvariantCulture),
        };
    }

    public sealed class SeverityForm
    {
        public string? Version { get; set; }

        public SeverityFields Severity { get; set; } = new();
    }
}
