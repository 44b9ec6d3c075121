using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>The decision on reporting (the ICO's self-assessment). A risk question is asked only when the answer before
/// it makes it apply: no personal data of living people means no risk to them, and no risk means no high risk.</summary>
public sealed class DecisionTaskModel(ISender sender) : IncidentPageModel(sender)
{
    [BindProperty]
    public DecisionForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, IncidentTasks.Decision, ct) is { } refused)
        {
            return refused;
        }

        if (Incident.Decision is { } d)
        {
            Input.PersonalData = d.PersonalDataOfLivingPeople ? "yes" : "no";
            Input.RiskLikely = d.RiskLikely ? "yes" : "no";
            Input.HighRisk = d.HighRisk ? "yes" : "no";
            Input.Outcome = d.Outcome.ToString();
            Input.Rationale = d.Rationale;
        }

        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var personalData = YesNo(Input.PersonalData);
        var riskLikely = personalData == false ? false : YesNo(Input.RiskLikely);
        var highRisk = riskLikely == false ? false : YesNo(Input.HighRisk);
        var command = new DecideIncidentCommand(id, Version(Input.Version), personalData, riskLikely, highRisk, Enum<DecisionOutcome>(Input.Outcome), Input.Rationale);
        var form = new FormFields("Input")
            .Field("PersonalDataOfLivingPeople", "Input.PersonalData")
            .Field("RiskLikely")
            .Field("HighRisk")
            .Field("Outcome")
            .Field("Rationale");
        return SaveAsync(id, IncidentTasks.Decision, form, [], () => Sender.Send(command, ct).AsTask(), "The decision has been recorded.", ct);
    }

    public sealed class DecisionForm
    {
        public string? Version { get; set; }

        public string? PersonalData { get; set; }

        public string? RiskLikely { get; set; }

        public string? HighRisk { get; set; }

        public string? Outcome { get; set; }

        public string? Rationale { get; set; }
    }
}
