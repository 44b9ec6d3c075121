using System.Globalization;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>Triage: classify, assign, when SIL became aware (the 72-hour clock) and, optionally, the severity.</summary>
public sealed class TriageTaskModel(ISender sender) : IncidentPageModel(sender)
{
    [BindProperty]
    public TriageForm Input { get; set; } = new();

    /// <summary>SIL people who may own an incident, plus the current assignee if they no longer qualify.</summary>
    public IReadOnlyList<(string Id, string Name)> Assignees { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, IncidentTasks.Triage, ct) is { } refused)
        {
            return refused;
        }

        await PrepareAsync(fromRecord: true, ct);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var form = SeverityFields.AddTo(new FormFields("Input")
            .Field("Classification")
            .Field("AssigneeUserId")
            .Field("AwareAt", "Input.AwareDay")
            .Field("AwareAtReason"), "Input.Severity");
        var formErrors = new List<(string, string)>();
        var (awareAt, awareError) = ParseLondonDateTime(Input.AwareDay, Input.AwareMonth, Input.AwareYear, Input.AwareTime, timeRequired: true, "When SIL became aware");
        if (awareError is not null)
        {
            formErrors.Add(("Input.AwareDay", awareError));
        }

        var assignee = string.IsNullOrWhiteSpace(Input.AssigneeUserId) ? null : Input.AssigneeUserId.Trim();
        var command = new TriageIncidentCommand(id, Version(Input.Version), Enum<TriageClassification>(Input.Classification), awareAt, assignee,
            Input.Severity.Answered ? Input.Severity.ToCommand() : null, string.IsNullOrWhiteSpace(Input.AwareAtReason) ? null : Input.AwareAtReason);
        return SaveAsync(id, IncidentTasks.Triage, form, formErrors, () => Sender.Send(command, ct).AsTask(), "The triage has been saved.", ct,
            () => PrepareAsync(fromRecord: false, ct));
    }

    private async Task PrepareAsync(bool fromRecord, CancellationToken ct)
    {
        var people = (await Sender.Send(new AssigneesQuery(), ct)).Select(p => (p.Id, p.Name)).ToList();
        if (Incident.Triage.AssigneeUserId is { } current && people.All(p => p.Id != current))
        {
            people.Add((current, Incident.Triage.Assignee ?? current));
        }

        Assignees = people;
        if (!fromRecord)
        {
            return;
        }

        Input.Classification = Incident.Triage.Classification?.ToString();
        Input.AssigneeUserId = Incident.Triage.AssigneeUserId;
        var aware = LondonTime.ToLondon(Incident.IcoClock.AwareAt);
        Input.AwareDay = aware.Day.ToString(CultureInfo.InvariantCulture);
        Input.AwareMonth = aware.Month.ToString(CultureInfo.InvariantCulture);
        Input.AwareYear = aware.Year.ToString(CultureInfo.InvariantCulture);
        Input.AwareTime = aware.ToString("HH:mm", CultureInfo.InvariantCulture);
        Input.Severity = SeverityTaskModel.FromRecord(Workspace);
    }

    public sealed class TriageForm
    {
        public string? Version { get; set; }

        public string? Classification { get; set; }

        public string? AssigneeUserId { get; set; }

        public string? AwareDay { get; set; }

        public string? AwareMonth { get; set; }

        public string? AwareYear { get; set; }

        public string? AwareTime { get; set; }

        public string? AwareAtReason { get; set; }

        public SeverityFields Severity { get; set; } = new();
    }
}
