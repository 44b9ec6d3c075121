using System.Security.Claims;
using System.Globalization;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>Records what was sent to the ICO (Article 33(3)). Pre-filled from the record (nature, people, measures) and
/// the signed-in DPO's contact; the DPO confirms or edits.</summary>
public sealed class IcoReportTaskModel(ISender sender, ICurrentUser user) : IncidentPageModel(sender)
{
    [BindProperty]
    public FilingForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, IncidentTasks.IcoReport, ct) is { } refused)
        {
            return refused;
        }

        var email = User.FindFirstValue(ClaimTypes.Email);
        Input = new FilingForm
        {
            Phase = (Incident.IcoFilings.Any(f => f.Phase == FilingPhase.Initial) ? FilingPhase.FollowUp : FilingPhase.Initial).ToString(),
            ApproximateDataSubjects = Incident.ApproximateDataSubjects?.ToString(CultureInfo.InvariantCulture),
            Nature = string.IsNullOrWhiteSpace(Incident.Description) ? Incident.Summary : $"{Incident.Summary}\n\n{Incident.Description}",
            Measures = Prefill.Measures(Incident),
            DataSubjectCategories = Prefill.People(Incident),
            ApproximateRecords = Incident.Facts?.ApproximateRecords?.ToString(CultureInfo.InvariantCulture),
            LikelyConsequences = Incident.Facts?.LikelyConsequences,
            DpoContact = string.IsNullOrWhiteSpace(email) ? user.DisplayName : $"{user.DisplayName}, {email}",
        };
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var formErrors = new List<(string, string)>();
        var (submittedAt, submittedError) = ParseLondonDateTime(Input.SubmittedDay, Input.SubmittedMonth, Input.SubmittedYear, Input.SubmittedTime,
            timeRequired: true, "When it was submitted to the ICO");
        if (submittedError is not null)
        {
            formErrors.Add(("Input.SubmittedDay", submittedError));
        }

        var people = WholeNumber(Input.ApproximateDataSubjects, "Input.ApproximateDataSubjects", "The approximate number of people", formErrors);
        var records = WholeNumber(Input.ApproximateRecords, "Input.ApproximateRecords", "The approximate number of records", formErrors);
        var command = new RecordIcoFilingCommand(id, Version(Input.Version), submittedAt, Input.IcoCaseReference, Enum<FilingPhase>(Input.Phase),
            Input.Nature, Input.DataSubjectCategories, people, records, Input.DpoContact, Input.LikelyConsequences, Input.Measures,
            string.IsNullOrWhiteSpace(Input.LateReason) ? null : Input.LateReason, Input.FollowUpExpected);
        var form = new FormFields("Input")
            .Field("SubmittedAt", "Input.SubmittedDay")
            .Field("IcoCaseReference")
            .Field("Phase")
            .Field("Nature")
            .Field("DataSubjectCategories")
            .Field("ApproximateDataSubjects")
            .Field("ApproximateRecords")
            .Field("DpoContact")
            .Field("LikelyConsequences")
            .Field("Measures")
            .Field("LateReason");
        return SaveAsync(id, IncidentTasks.IcoReport, form, formErrors, () => Sender.Send(command, ct).AsTask(), "The ICO filing has been recorded.", ct);
    }

    public sealed class FilingForm
    {
        public string? Version { get; set; }

        public string? SubmittedDay { get; set; }

        public string? SubmittedMonth { get; set; }

        public string? SubmittedYear { get; set; }

        public string? SubmittedTime { get; set; }

        public string? IcoCaseReference { get; set; }

        public string? Phase { get; set; }

        public string? Nature { get; set; }

        public string? DataSubjectCategories { get; set; }

        public string? ApproximateDataSubjects { get; set; }

        public string? ApproximateRecords { get; set; }

        public string? DpoContact { get; set; }

        public string? LikelyConsequences { get; set; }

        public string? Measures { get; set; }

        public string? LateReason { get; set; }

        public bool FollowUpExpected { get; set; }
    }
}
