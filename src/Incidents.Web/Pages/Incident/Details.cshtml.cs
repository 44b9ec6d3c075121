using System.Security.Claims;
using System.Globalization;
using FluentValidation;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Notifications;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>One incident: details, ICO clock, notices, assessment, decision, filings, actions, audit trail, and the
/// forms the user's role may use. Every form carries the incident's version; a stale one is a 409 from the handler,
/// shown as "someone else changed this first" with the incident as it now stands.</summary>
public sealed class DetailsModel(ISender sender, ICurrentUser user) : AppPageModel
{
    public const string ConflictMessage = "Someone else changed this incident first. It is shown below as it now stands: check it and make your change again.";

    [BindProperty]
    public TriageInput Triage { get; set; } = new();

    [BindProperty]
    public DecideInput Decide { get; set; } = new();

    [BindProperty]
    public FilingInput Filing { get; set; } = new();

    [BindProperty]
    public NoticeInput Notice { get; set; } = new();

    [BindProperty]
    public NoticeExceptionInput Exempt { get; set; } = new();

    [BindProperty]
    public ActionInput NewAction { get; set; } = new();

    [BindProperty]
    public CompleteInput Complete { get; set; } = new();

    [BindProperty]
    public CloseInput Close { get; set; } = new();

    [BindProperty]
    public ReopenInput Reopen { get; set; } = new();

    public IncidentDetails Incident { get; private set; } = null!;

    public IReadOnlyList<AuditEntryView> Audit { get; private set; } = [];

    /// <summary>Is email getting out (the banner at the top)?</summary>
    public EmailStatus? Email { get; private set; }

    /// <summary>SIL people who may own an incident (the triage form's "Assign to"): SIL's DPOs, designated officers and
    /// administrators, plus the current assignee if they are no longer one of them.</summary>
    public IReadOnlyList<(string Id, string Name)> Assignees { get; private set; } = [];

    /// <summary>A filing may be recorded once the decision is to report to the ICO.</summary>
    public bool CanFile => Incident.Decision is { } d && d.Outcome.RequiresIco();

    /// <summary>Telling the people affected follows a decision to report to the ICO and to them; an exception
    /// (Art. 34(3)) may be recorded at any time.</summary>
    public bool CanRecordNotice => Incident.Decision is { Outcome: DecisionOutcome.ReportToIcoAndDataSubjects };

    public bool IsManager => user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin);

    public bool CanWorkOnActions => IsManager || user.IsInRole(Roles.DesignatedOfficer);

    /// <summary>The form that was posted and came back with errors (its fields keep what was typed).</summary>
    public string? PostedForm { get; private set; }

    private bool _conflict;

    [TempData]
    public string? Done { get; set; }

    /// <summary>The version a form sends: the one the user's typing was based on, unless it was stale.</summary>
    public string VersionFor(string form, string? posted) =>
        PostedForm == form && !_conflict && !string.IsNullOrEmpty(posted) ? posted : Incident.Version.ToString(CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        return Page();
    }

    public Task<IActionResult> OnPostTriageAsync(Guid id, CancellationToken ct)
    {
        var fields = Fields("Triage", new Dictionary<string, string>
        {
            ["AwareAt"] = "Triage.AwareDay",
            ["AwareAtReason"] = "Triage.AwareAtReason",
            ["Severity.DataProcessingContext"] = "Triage.SeverityContext",
            ["Severity.EaseOfIdentification"] = "Triage.Ease",
            ["Severity.Confidentiality"] = "Triage.Confidentiality",
            ["Severity.Integrity"] = "Triage.Integrity",
            ["Severity.Availability"] = "Triage.Availability",
            ["AssigneeUserId"] = "Triage.AssigneeUserId",
            ["Version"] = string.Empty,
        }, "Classification");
        var (awareAt, awareError) = ParseLondonDateTime(Triage.AwareDay, Triage.AwareMonth, Triage.AwareYear, Triage.AwareTime, timeRequired: true, "When SIL became aware");
        var formErrors = new List<(string, string)>();
        if (awareError is not null)
        {
            formErrors.Add(("Triage.AwareDay", awareError));
        }

        SeverityInput? severity = null;
        if (!string.IsNullOrEmpty(Triage.SeverityContext) || !string.IsNullOrEmpty(Triage.Ease))
        {
            severity = new SeverityInput(
                int.TryParse(Triage.SeverityContext, NumberStyles.None, CultureInfo.InvariantCulture, out var context) ? context : null,
                Triage.ChildrensData,
                double.TryParse(Triage.Ease, NumberStyles.Float, CultureInfo.InvariantCulture, out var ease) ? ease : null,
                Circumstance(Triage.Confidentiality),
                Circumstance(Triage.Integrity),
                Circumstance(Triage.Availability),
                Triage.MaliciousIntent);
        }

        var assignee = string.IsNullOrWhiteSpace(Triage.AssigneeUserId) ? null : Triage.AssigneeUserId.Trim();
        var command = new TriageIncidentCommand(id, Version(Triage.Version), Enum<TriageClassification>(Triage.Classification), awareAt, assignee, severity,
            string.IsNullOrWhiteSpace(Triage.AwareAtReason) ? null : Triage.AwareAtReason);
        return ChangeAsync(id, "triage", formErrors, () => sender.Send(command, ct).AsTask(), fields, "The triage has been saved.", ct);
    }

    public Task<IActionResult> OnPostDecideAsync(Guid id, CancellationToken ct)
    {
        var command = new DecideIncidentCommand(id, Version(Decide.Version), YesNo(Decide.PersonalData), YesNo(Decide.RiskLikely), YesNo(Decide.HighRisk),
            Enum<DecisionOutcome>(Decide.Outcome), Decide.Rationale);
        var fields = Fields("Decide", new Dictionary<string, string>
        {
            ["PersonalDataOfLivingPeople"] = "Decide.PersonalData",
            ["Version"] = string.Empty,
        }, "RiskLikely", "HighRisk", "Outcome", "Rationale");
        return ChangeAsync(id, "decide", [], () => sender.Send(command, ct).AsTask(), fields, "The decision has been recorded.", ct);
    }

    public Task<IActionResult> OnPostIcoFilingAsync(Guid id, CancellationToken ct)
    {
        var formErrors = new List<(string, string)>();
        var (submittedAt, submittedError) = ParseLondonDateTime(Filing.SubmittedDay, Filing.SubmittedMonth, Filing.SubmittedYear, Filing.SubmittedTime,
            timeRequired: true, "When it was submitted to the ICO");
        if (submittedError is not null)
        {
            formErrors.Add(("Filing.SubmittedDay", submittedError));
        }

        var people = WholeNumber(Filing.ApproximateDataSubjects, "Filing.ApproximateDataSubjects", "The approximate number of people", formErrors);
        var records = WholeNumber(Filing.ApproximateRecords, "Filing.ApproximateRecords", "The approximate number of records", formErrors);
        var command = new RecordIcoFilingCommand(id, Version(Filing.Version), submittedAt, Filing.IcoCaseReference, Enum<FilingPhase>(Filing.Phase),
            Filing.Nature, Filing.DataSubjectCategories, people, records, Filing.DpoContact, Filing.LikelyConsequences, Filing.Measures,
            string.IsNullOrWhiteSpace(Filing.LateReason) ? null : Filing.LateReason, Filing.FollowUpExpected);
        var fields = Fields("Filing", new Dictionary<string, string>
        {
            ["SubmittedAt"] = "Filing.SubmittedDay",
            ["Version"] = string.Empty,
        }, "IcoCaseReference", "Phase", "Nature", "DataSubjectCategories", "ApproximateDataSubjects", "ApproximateRecords", "DpoContact",
            "LikelyConsequences", "Measures", "LateReason");
        return ChangeAsync(id, "filing", formErrors, () => sender.Send(command, ct).AsTask(), fields, "The ICO filing has been recorded.", ct);
    }

    public Task<IActionResult> OnPostNoticeAsync(Guid id, CancellationToken ct)
    {
        var formErrors = new List<(string, string)>();
        var (notifiedAt, notifiedError) = ParseLondonDateTime(Notice.NotifiedDay, Notice.NotifiedMonth, Notice.NotifiedYear, Notice.NotifiedTime,
            timeRequired: false, "When people were told");
        if (notifiedError is not null)
        {
            formErrors.Add(("Notice.NotifiedDay", notifiedError));
        }

        var people = WholeNumber(Notice.PeopleNotified, "Notice.PeopleNotified", "The number of people told", formErrors);
        var command = new RecordDataSubjectNoticeCommand(id, Version(Notice.Version), notifiedAt, Enum<NoticeMethod>(Notice.Method), people, null,
            string.IsNullOrWhiteSpace(Notice.Notes) ? null : Notice.Notes);
        var fields = Fields("Notice", new Dictionary<string, string>
        {
            ["NotifiedAt"] = "Notice.NotifiedDay",
            ["Exception"] = string.Empty,
            ["Version"] = string.Empty,
        }, "Method", "PeopleNotified", "Notes");
        return ChangeAsync(id, "notice", formErrors, () => sender.Send(command, ct).AsTask(), fields, "Telling the people affected has been recorded.", ct);
    }

    public Task<IActionResult> OnPostNoticeExceptionAsync(Guid id, CancellationToken ct)
    {
        var exception = Enum<NoticeException>(Exempt.Exception);
        var formErrors = new List<(string, string)>();
        if (exception is null)
        {
            formErrors.Add(("Exempt.Exception", "Choose the exception relied on."));
        }

        var command = new RecordDataSubjectNoticeCommand(id, Version(Exempt.Version), null, null, null, exception, Exempt.Notes);
        var fields = Fields("Exempt", new Dictionary<string, string> { ["Version"] = string.Empty }, "Exception", "Notes");
        return ChangeAsync(id, "exception", formErrors, () => sender.Send(command, ct).AsTask(), fields, "The exception to telling the people affected has been recorded.", ct);
    }

    public Task<IActionResult> OnPostAddActionAsync(Guid id, CancellationToken ct)
    {
        var formErrors = new List<(string, string)>();
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(NewAction.DueDay) || !string.IsNullOrWhiteSpace(NewAction.DueMonth) || !string.IsNullOrWhiteSpace(NewAction.DueYear))
        {
            due = ParseDate(NewAction.DueDay, NewAction.DueMonth, NewAction.DueYear);
            if (due is null)
            {
                formErrors.Add(("NewAction.DueDay", "The due date must be a real date, for example 27 3 2026."));
            }
        }

        var command = new AddActionCommand(id, Version(NewAction.Version), Enum<ActionKind>(NewAction.Kind), NewAction.Description, NewAction.AssignedTo, due);
        var fields = Fields("NewAction", new Dictionary<string, string> { ["DueDate"] = "NewAction.DueDay" }, "Kind", "Description", "AssignedTo");
        return ChangeAsync(id, "action", formErrors, () => sender.Send(command, ct).AsTask(), fields, "The action has been added.", ct);
    }

    public Task<IActionResult> OnPostCompleteActionAsync(Guid id, CancellationToken ct)
    {
        var actionId = Guid.TryParse(Complete.ActionId, out var a) ? a : Guid.Empty;
        var command = new CompleteActionCommand(id, actionId, Version(Complete.Version), Complete.Note);
        var fields = Fields("Complete", new Dictionary<string, string>(), "Note");
        return ChangeAsync(id, "complete", [], () => sender.Send(command, ct).AsTask(), fields, "The action has been marked as done.", ct);
    }

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        var command = new CloseIncidentCommand(id, Version(Close.Version), Close.LessonsLearned, Close.Force, Close.Force ? Close.ForceReason : null);
        var fields = Fields("Close", new Dictionary<string, string> { ["Force"] = "Close.ForceReason" }, "LessonsLearned", "ForceReason");
        return ChangeAsync(id, "close", [], () => sender.Send(command, ct).AsTask(), fields, "The incident has been closed.", ct);
    }

    public Task<IActionResult> OnPostReopenAsync(Guid id, CancellationToken ct)
    {
        var command = new ReopenIncidentCommand(id, Version(Reopen.Version), Reopen.Reason);
        var fields = Fields("Reopen", new Dictionary<string, string>(), "Reason");
        return ChangeAsync(id, "reopen", [], () => sender.Send(command, ct).AsTask(), fields, "The incident has been reopened.", ct);
    }

    private async Task<IActionResult> ChangeAsync(Guid id, string form, List<(string Key, string Message)> formErrors, Func<Task> send,
        Func<string, string?> fields, string done, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            if (formErrors.Count == 0)
            {
                await send();
                Done = done;
                return Redirect($"/incidents/{id}");
            }
        }
        catch (ValidationException ex)
        {
            AddErrors(ex, fields);
        }
        catch (DomainException ex)
        {
            AddError(ex, fields);
        }
        catch (ConflictException)
        {
            _conflict = true;
            AddError(string.Empty, ConflictMessage);
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }
        catch (ForbiddenException ex)
        {
            return ForbiddenPage(ex.Message);
        }

        foreach (var (key, message) in formErrors)
        {
            AddError(key, message);
        }

        PostedForm = form;
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        if (_conflict)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Incident = await sender.Send(new GetIncidentQuery(id), ct);
            Audit = await sender.Send(new GetAuditTrailQuery(id), ct);
            Email = await sender.Send(new EmailStatusQuery(), ct);
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }

        if (IsManager && Incident.Status != IncidentStatus.Closed)
        {
            Assignees = await LoadAssigneesAsync(ct);
        }

        PrepareForms(IsManager && Incident.Status != IncidentStatus.Closed ? User.FindFirstValue(ClaimTypes.Email) : null);
        return null;
    }

    /// <summary>What the forms that were not posted start with: the incident as it stands. The ICO filing is pre-filled
    /// from the record (nature, people, measures) and the signed-in DPO's contact; the DPO confirms or edits.</summary>
    private void PrepareForms(string? signedInEmail)
    {
        if (PostedForm != "triage")
        {
            Triage.Classification = Incident.Triage.Classification?.ToString();
            Triage.AssigneeUserId = Incident.Triage.AssigneeUserId;
            var aware = LondonTime.ToLondon(Incident.IcoClock.AwareAt);
            Triage.AwareDay = aware.Day.ToString(CultureInfo.InvariantCulture);
            Triage.AwareMonth = aware.Month.ToString(CultureInfo.InvariantCulture);
            Triage.AwareYear = aware.Year.ToString(CultureInfo.InvariantCulture);
            Triage.AwareTime = aware.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        if (PostedForm != "filing")
        {
            Filing = new FilingInput
            {
                Phase = (Incident.IcoFilings.Any(f => f.Phase == FilingPhase.Initial) ? FilingPhase.FollowUp : FilingPhase.Initial).ToString(),
                ApproximateDataSubjects = Incident.ApproximateDataSubjects?.ToString(CultureInfo.InvariantCulture),
                Nature = string.IsNullOrWhiteSpace(Incident.Description) ? Incident.Summary : $"{Incident.Summary}\n\n{Incident.Description}",
                Measures = Prefill.Measures(Incident),
                DataSubjectCategories = Prefill.People(Incident),
                ApproximateRecords = Incident.Facts?.ApproximateRecords?.ToString(CultureInfo.InvariantCulture),
                LikelyConsequences = Incident.Facts?.LikelyConsequences,
                DpoContact = signedInEmail is null ? null
                    : string.IsNullOrWhiteSpace(signedInEmail) ? user.DisplayName : $"{user.DisplayName}, {signedInEmail}",
            };
        }
    }

    /// <summary>The people who may own an incident (the application's one rule); the current assignee is kept even if
    /// they no longer qualify (the handler then says so if the form is sent unchanged).</summary>
    private async Task<IReadOnlyList<(string Id, string Name)>> LoadAssigneesAsync(CancellationToken ct)
    {
        var people = (await sender.Send(new AssigneesQuery(), ct)).Select(p => (p.Id, p.Name)).ToList();
        if (Incident.Triage.AssigneeUserId is { } current && people.All(p => p.Id != current))
        {
            people.Add((current, Incident.Triage.Assignee ?? current));
        }

        return people;
    }

    /// <summary>A whole number typed in a field: null when empty; null with an error when it is not one.</summary>
    private static int? WholeNumber(string? value, string key, string what, List<(string, string)> formErrors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim().Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        formErrors.Add((key, $"{what} must be a whole number, for example 28."));
        return null;
    }

    private static int? Version(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static T? Enum<T>(string? value)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && System.Enum.IsDefined(parsed) ? parsed : null;

    private static bool? YesNo(string? value) => value switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };

    private static double Circumstance(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;

    public sealed class TriageInput
    {
        public string? Version { get; set; }

        public string? Classification { get; set; }

        public string? AwareDay { get; set; }

        public string? AwareMonth { get; set; }

        public string? AwareYear { get; set; }

        public string? AwareTime { get; set; }

        public string? AwareAtReason { get; set; }

        public string? AssigneeUserId { get; set; }

        public string? SeverityContext { get; set; }

        public bool ChildrensData { get; set; }

        public string? Ease { get; set; }

        public string? Confidentiality { get; set; }

        public string? Integrity { get; set; }

        public string? Availability { get; set; }

        public bool MaliciousIntent { get; set; }
    }

    public sealed class DecideInput
    {
        public string? Version { get; set; }

        public string? PersonalData { get; set; }

        public string? RiskLikely { get; set; }

        public string? HighRisk { get; set; }

        public string? Outcome { get; set; }

        public string? Rationale { get; set; }
    }

    public sealed class FilingInput
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

    public sealed class NoticeInput
    {
        public string? Version { get; set; }

        public string? NotifiedDay { get; set; }

        public string? NotifiedMonth { get; set; }

        public string? NotifiedYear { get; set; }

        public string? NotifiedTime { get; set; }

        public string? Method { get; set; }

        public string? PeopleNotified { get; set; }

        public string? Notes { get; set; }
    }

    public sealed class NoticeExceptionInput
    {
        public string? Version { get; set; }

        public string? Exception { get; set; }

        public string? Notes { get; set; }
    }

    public sealed class ActionInput
    {
        public string? Version { get; set; }

        public string? Kind { get; set; }

        public string? Description { get; set; }

        public string? AssignedTo { get; set; }

        public string? DueDay { get; set; }

        public string? DueMonth { get; set; }

        public string? DueYear { get; set; }
    }

    public sealed class CompleteInput
    {
        public string? Version { get; set; }

        public string? ActionId { get; set; }

        public string? Note { get; set; }
    }

    public sealed class CloseInput
    {
        public string? Version { get; set; }

        public string? LessonsLearned { get; set; }

        public bool Force { get; set; }

        public string? ForceReason { get; set; }
    }

    public sealed class ReopenInput
    {
        public string? Version { get; set; }

        public string? Reason { get; set; }
    }
}
