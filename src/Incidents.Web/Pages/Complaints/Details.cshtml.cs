using Incidents.Application.Features.Complaints;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Common;
using Incidents.Domain.Complaints;
using Incidents.Web.Forms;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Complaints;

/// <summary>One complaint: its clock, what was received, and the forms to acknowledge, assign, note, raise a breach and
/// record the outcome. Each form sends one command; what the caller may do comes from the query.</summary>
public sealed class DetailsModel(ISender sender, TimeProvider time) : AppPageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    [FromQuery(Name = "logged")]
    public string? Logged { get; set; }

    public ComplaintDetails Complaint { get; private set; } = null!;

    public IReadOnlyList<AssigneeOption> Assignees { get; private set; } = [];

    public string? Done { get; private set; }

    public string? PostedForm { get; private set; }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);

        if (Logged is not null)
        {
            Done = $"Complaint {Complaint.Reference} logged. It must be acknowledged by {Display.When(Complaint.Acknowledgement.AcknowledgeBy)}.";
        }

        OfferNow();
        return Page();
    }

    /// <summary>The acknowledgement form offers now (most are recorded as they are made); what it offered is posted back,
    /// so the time now is never kept on another day unnoticed.</summary>
    private void OfferNow()
    {
        var now = LondonTime.ToLondon(time.GetUtcNow());
        Input.Day = now.Day.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.Month = now.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.Year = now.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.Time = now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Input.Offered = GovUkDate.Offer(now);
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken ct)
    {
        // The time is given or explicitly unknown, never silently midnight (the form offers today and now).
        var (at, error) = ParseLondonDateTime(Input.Day, Input.Month, Input.Year, Input.Time, timeRequired: true, "When they were told", Input.TimeUnknown, Input.Offered);
        AcknowledgementMethod? method = Enum.TryParse<AcknowledgementMethod>(Input.Method, out var m) && Enum.IsDefined(m) ? m : null;
        return SendAsync("acknowledge", new AcknowledgeComplaintCommand(Id, Version(), at, method, Input.SendEmail, Input.TimeUnknown),
            "Acknowledgement recorded.", error is null ? [] : [("Input.Day", error)], ct);
    }

    public Task<IActionResult> OnPostOutcomeAsync(CancellationToken ct)
    {
        ComplaintOutcome? outcome = Enum.TryParse<ComplaintOutcome>(Input.Outcome, out var o) && Enum.IsDefined(o) ? o : null;
        return SendAsync("outcome", new RecordComplaintOutcomeCommand(Id, Version(), outcome, Input.Summary, Input.SendLetter), "Outcome recorded. The complaint is closed.", [], ct);
    }

    public Task<IActionResult> OnPostAssignAsync(CancellationToken ct) =>
        SendAsync("assign", new AssignComplaintCommand(Id, Version(), Input.AssigneeUserId), "Assignee recorded.", [], ct);

    public Task<IActionResult> OnPostNoteAsync(CancellationToken ct) =>
        SendAsync("note", new AddComplaintNoteCommand(Id, Input.Text), "Note added.", [], ct);

    public Task<IActionResult> OnPostActionAsync(CancellationToken ct)
    {
        var due = GovUkDate.ReadDate(Input.DueDay, Input.DueMonth, Input.DueYear, "The due date");
        return SendAsync("action", new AddComplaintActionCommand(Id, Version(), Input.Description, Input.AssignedTo, due.Date), "The action has been added.",
            due.Error is null ? [] : [("Input.DueDay", due.Error)], ct);
    }

    public Task<IActionResult> OnPostCompleteActionAsync(CancellationToken ct) => SendAsync("complete",
        new CompleteComplaintActionCommand(Id, Guid.TryParse(Input.ActionId, out var a) ? a : Guid.Empty, Version(), Input.Note), "The action has been marked as done.", [], ct);

    public Task<IActionResult> OnPostBreachAsync(CancellationToken ct) =>
        SendAsync("breach", new RaiseBreachFromComplaintCommand(Id, Version()), "A breach incident was reported and linked to this complaint.", [], ct);

    private int? Version() => int.TryParse(Input.Version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Every form of the page, in page order: which form key each command property is shown against.</summary>
    private static FormFields Form() => new FormFields("Input")
        .Field("AcknowledgedAt", "Input.Day").Field("Method").Field("SendEmail")
        .Field("AssigneeUserId")
        .Field("Description").Field("AssignedTo").Field("DueDate", "Input.DueDay").Field("Note")
        .Field("Text")
        .Field("Outcome").Field("Summary");

    /// <summary>Sends one form's command through the one send-and-show-errors path; on success the page shows
    /// <paramref name="done"/> with the complaint as it now stands and empty forms.</summary>
    private async Task<IActionResult> SendAsync<TResult>(string form, IRequest<TResult> command, string done, IReadOnlyCollection<(string Key, string Message)> formErrors, CancellationToken ct)
    {
        PostedForm = form;
        var sent = false;
        var result = await SendAsync(Form(), formErrors,
            async () =>
            {
                await sender.Send(command, ct);
                sent = true;
            },
            Page,
            async () =>
            {
                await LoadAsync(ct);
                return null;
            });
        if (!sent)
        {
            return result;
        }

        Done = done;
        PostedForm = null;
        Input = new FormInput();
        OfferNow();
        await LoadAsync(ct);
        return result;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Complaint = await sender.Send(new GetComplaintQuery(Id), ct);

        if (Complaint.Actions.Assign)
        {
            Assignees = await sender.Send(new AssigneesQuery(), ct);
        }
    }

    public sealed class FormInput
    {
        public string? Version { get; set; }
        public string? Day { get; set; }
        public string? Month { get; set; }
        public string? Year { get; set; }
        public string? Time { get; set; }
        public bool TimeUnknown { get; set; }
        /// <summary>The date and time the acknowledgement form offered (<see cref="GovUkDate.Offer"/>).</summary>
        public string? Offered { get; set; }
        public string? Method { get; set; }
        public bool SendEmail { get; set; }
        public string? Outcome { get; set; }
        public string? Summary { get; set; }
        public bool SendLetter { get; set; }
        public string? AssigneeUserId { get; set; }
        public string? Text { get; set; }
        public string? Description { get; set; }
        public string? AssignedTo { get; set; }
        public string? DueDay { get; set; }
        public string? DueMonth { get; set; }
        public string? DueYear { get; set; }
        public string? ActionId { get; set; }
        public string? Note { get; set; }
    }
}
