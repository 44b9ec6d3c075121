using FluentValidation;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Features.Complaints;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Common;
using Incidents.Domain.Complaints;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Complaints;

/// <summary>One complaint: its clock, what was received, and the forms to acknowledge, assign, note, raise a breach and
/// record the outcome. Each form sends one command; what the caller may do comes from the query.</summary>
public sealed class DetailsModel(ISender sender) : AppPageModel
{
    private static readonly string[] Known = ["Method", "Outcome", "Summary", "AssigneeUserId", "Text", "SendEmail", "Description", "AssignedTo", "Note"];

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
        if (!await LoadAsync(ct))
        {
            return NotFoundPage();
        }

        if (Logged is not null)
        {
            Done = $"Complaint {Complaint.Reference} logged. It must be acknowledged by {Display.When(Complaint.Acknowledgement.AcknowledgeBy)}.";
        }

        var today = LondonTime.ToLondon(DateTimeOffset.UtcNow);
        Input.Day = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.Month = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Input.Year = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken ct) => SendAsync("acknowledge", () =>
    {
        var (at, error) = ParseLondonDateTime(Input.Day, Input.Month, Input.Year, Input.Time, timeRequired: false, "When they were told");
        if (error is not null)
        {
            throw new DomainException(error, "Day");
        }

        AcknowledgementMethod? method = Enum.TryParse<AcknowledgementMethod>(Input.Method, out var m) && Enum.IsDefined(m) ? m : null;
        // A date alone means "that day": now if it is today, else noon of that day.
        if (at is { } day && string.IsNullOrWhiteSpace(Input.Time))
        {
            var today = DateOnly.FromDateTime(LondonTime.ToLondon(DateTimeOffset.UtcNow).DateTime);
            at = DateOnly.FromDateTime(LondonTime.ToLondon(day).DateTime) == today ? null : day.AddHours(12);
        }

        return new AcknowledgeComplaintCommand(Id, Version(), at, method, Input.SendEmail);
    }, "Acknowledgement recorded.");

    public Task<IActionResult> OnPostOutcomeAsync(CancellationToken ct) => SendAsync("outcome", () =>
    {
        ComplaintOutcome? outcome = Enum.TryParse<ComplaintOutcome>(Input.Outcome, out var o) && Enum.IsDefined(o) ? o : null;
        return new RecordComplaintOutcomeCommand(Id, Version(), outcome, Input.Summary, Input.SendLetter);
    }, "Outcome recorded. The complaint is closed.");

    public Task<IActionResult> OnPostAssignAsync(CancellationToken ct) =>
        SendAsync("assign", () => new AssignComplaintCommand(Id, Version(), Input.AssigneeUserId), "Assignee recorded.");

    public Task<IActionResult> OnPostNoteAsync(CancellationToken ct) =>
        SendAsync("note", () => new AddComplaintNoteCommand(Id, Input.Text), "Note added.");

    public Task<IActionResult> OnPostActionAsync(CancellationToken ct) => SendAsync("action", () =>
    {
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(Input.DueDay) || !string.IsNullOrWhiteSpace(Input.DueMonth) || !string.IsNullOrWhiteSpace(Input.DueYear))
        {
            due = ParseDate(Input.DueDay, Input.DueMonth, Input.DueYear) ?? throw new DomainException("The due date must be a real date, for example 27 3 2026.", "dueDate");
        }

        return new AddComplaintActionCommand(Id, Version(), Input.Description, Input.AssignedTo, due);
    }, "The action has been added.");

    public Task<IActionResult> OnPostCompleteActionAsync(CancellationToken ct) => SendAsync("complete", () =>
        new CompleteComplaintActionCommand(Id, Guid.TryParse(Input.ActionId, out var a) ? a : Guid.Empty, Version(), Input.Note), "The action has been marked as done.");

    public Task<IActionResult> OnPostBreachAsync(CancellationToken ct) =>
        SendAsync("breach", () => new RaiseBreachFromComplaintCommand(Id, Version()), "A breach incident was reported and linked to this complaint.");

    private int? Version() => int.TryParse(Input.Version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;

    private async Task<IActionResult> SendAsync<TResult>(string form, Func<IRequest<TResult>> command, string done)
    {
        var ct = HttpContext.RequestAborted;
        ModelState.Clear();
        PostedForm = form;
        var map = Fields("Input", new Dictionary<string, string> { ["acknowledgedAt"] = "Input.Day", ["sendEmail"] = "Input.SendEmail", ["incident"] = string.Empty, ["dueDate"] = "Input.DueDay", ["complaint"] = string.Empty }, Known);
        try
        {
            await sender.Send(command(), ct);
            Done = done;
            PostedForm = null;
            Input = new FormInput();
            return await LoadAsync(ct) ? Page() : NotFoundPage();
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }
        catch (ForbiddenException ex)
        {
            return ForbiddenPage(ex.Message);
        }
        catch (ValidationException ex)
        {
            AddErrors(ex, map);
        }
        catch (DomainException ex)
        {
            AddError(ex, map);
        }
        catch (ConflictException ex)
        {
            AddError(string.Empty, ex.Message);
            PostedForm = null;
        }

        if (!await LoadAsync(ct))
        {
            return NotFoundPage();
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Complaint = await sender.Send(new GetComplaintQuery(Id), ct);
        }
        catch (NotFoundException)
        {
            return false;
        }

        if (Complaint.Actions.Assign)
        {
            Assignees = await sender.Send(new AssigneesQuery(), ct);
        }

        return true;
    }

    public sealed class FormInput
    {
        public string? Version { get; set; }
        public string? Day { get; set; }
        public string? Month { get; set; }
        public string? Year { get; set; }
        public string? Time { get; set; }
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
