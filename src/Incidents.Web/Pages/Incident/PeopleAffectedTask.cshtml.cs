using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>Telling the people affected (Article 34): when and how they were told, or the exception relied on.</summary>
public sealed class PeopleAffectedTaskModel(ISender sender) : IncidentPageModel(sender)
{
    [BindProperty]
    public NoticeForm Notice { get; set; } = new();

    [BindProperty]
    public ExceptionForm Exempt { get; set; } = new();

    /// <summary>Does the decision include telling them? If not, the page offers only the Article 34(3) exception.</summary>
    public bool TellingDecided => Incident.Decision?.Outcome == DecisionOutcome.ReportToIcoAndDataSubjects;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, IncidentTasks.PeopleAffected, ct) ?? Page();

    public Task<IActionResult> OnPostNoticeAsync(Guid id, CancellationToken ct)
    {
        var formErrors = new List<(string, string)>();
        var (notifiedAt, notifiedError) = ParseLondonDateTime(Notice.NotifiedDay, Notice.NotifiedMonth, Notice.NotifiedYear, Notice.NotifiedTime,
            timeRequired: true, "When people were told", Notice.NotifiedTimeUnknown);
        if (notifiedError is not null)
        {
            formErrors.Add(("Notice.NotifiedDay", notifiedError));
        }

        var people = WholeNumber(Notice.PeopleNotified, "Notice.PeopleNotified", "The number of people told", formErrors);
        var command = new RecordDataSubjectNoticeCommand(id, Version(Notice.Version), notifiedAt, Enum<NoticeMethod>(Notice.Method), people, null,
            string.IsNullOrWhiteSpace(Notice.Notes) ? null : Notice.Notes);
        var form = new FormFields("Notice")
            .Field("NotifiedAt", "Notice.NotifiedDay")
            .Field("Method")
            .Field("PeopleNotified")
            .Field("Notes");
        return SaveAsync(id, IncidentTasks.PeopleAffected, form, formErrors, () => Sender.Send(command, ct).AsTask(), "Telling the people affected has been recorded.", ct);
    }

    public Task<IActionResult> OnPostExceptionAsync(Guid id, CancellationToken ct)
    {
        var exception = Enum<NoticeException>(Exempt.Exception);
        var formErrors = new List<(string, string)>();
        if (exception is null)
        {
            formErrors.Add(("Exempt.Exception", "Choose the exception relied on."));
        }

        var command = new RecordDataSubjectNoticeCommand(id, Version(Exempt.Version), null, null, null, exception, Exempt.Notes);
        var form = new FormFields("Exempt").Field("Exception").Field("Notes");
        return SaveAsync(id, IncidentTasks.PeopleAffected, form, formErrors, () => Sender.Send(command, ct).AsTask(),
            "The exception to telling the people affected has been recorded.", ct);
    }

    public sealed class NoticeForm
    {
        public string? Version { get; set; }

        public string? NotifiedDay { get; set; }

        public string? NotifiedMonth { get; set; }

        public string? NotifiedYear { get; set; }

        public string? NotifiedTime { get; set; }

        /// <summary>"I do not know the time": recorded as that day, never silently as midnight.</summary>
        public bool NotifiedTimeUnknown { get; set; }

        public string? Method { get; set; }

        public string? PeopleNotified { get; set; }

        public string? Notes { get; set; }
    }

    public sealed class ExceptionForm
    {
        public string? Version { get; set; }

        public string? Exception { get; set; }

        public string? Notes { get; set; }
    }
}
