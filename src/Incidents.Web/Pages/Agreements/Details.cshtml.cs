using FluentValidation;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Agreements;
using Incidents.Domain.Agreements;
using Incidents.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Agreements;

/// <summary>An agreement: its suspension history and sharing status, and (for SIL's DPO and designated officers)
/// the clause 10 forms to suspend, renew and lift. What the user may see and do comes from the query (Agreement.Actions,
/// SuspensionView.Details), never from the page.</summary>
public sealed class DetailsModel(ISender sender, SuspensionSettings suspension, TimeProvider time, IEnumerable<IValidator<SuspendAgreementCommand>> suspendValidators,
    ICurrentUser user) : AppPageModel
{
    /// <summary>May the user correct and resend a failed notice (the resend command's declaration decides)?</summary>
    public bool MayResendNotices => Navigation.MayResendNotices(user);

    /// <summary>May the user manage the parties' reporting links (the reporting-link query's declaration decides)?</summary>
    public bool MayManageReportingLinks => Navigation.MayManageReportingLinks(user);

    /// <summary>How long a suspension lasts, in words, from configuration (Suspension:Period): "30 days".</summary>
    public string Period => DurationWords.InWords(suspension.Period);

    /// <summary>When a suspension made now would end (London time), for the check-your-answers step.</summary>
    public string EndsIfNow => LondonTime.Format(SuspensionCalendar.Add(time.GetUtcNow(), suspension.Period));

    /// <summary>Whether data may be shared, as one sentence: "Sharing is not allowed: the agreement is suspended under
    /// clause 10 of the information sharing agreement."</summary>
    public string SharingSentence => Sharing.Allowed
        ? "Sharing is allowed: the agreement is in force."
        : $"Sharing is not allowed: {(Sharing.Status == Domain.Organisations.AgreementStatus.Suspended ? "the agreement is suspended under clause 10 of the information sharing agreement" : "the agreement has been terminated")}.";

    /// <summary>The check-your-answers step before the suspension is made (GOV.UK pattern, no JavaScript).</summary>
    public bool Confirming { get; private set; }

    [BindProperty]
    public SuspendInput Suspend { get; set; } = new();

    [BindProperty]
    public LiftInput Lift { get; set; } = new();

    public AgreementDetails Agreement { get; private set; } = null!;

    public SharingStatus Sharing { get; private set; } = null!;

    /// <summary>The incidents reported under this agreement that the user may see, to link as evidence.</summary>
    public IReadOnlyList<(Guid Id, string Reference, string Summary)> Incidents { get; private set; } = [];

    public string? PostedForm { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>"Continue": the answers are checked against the command's own rules and, if they are good, shown back
    /// for confirmation; nothing is changed yet.</summary>
    public async Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken ct)
    {
        var command = SuspendCommand(id);
        PostedForm = "suspend";
        await LoadAsync(id, ct);
        return await SendAsync(SuspendForm(), [],
            () => CheckAsync(suspendValidators, command, ct),
            () =>
            {
                Confirming = true;
                return Page();
            },
            () => Task.FromResult<IActionResult?>(null));
    }

    /// <summary>"Change" on the check-your-answers step: the form again, as it was filled in.</summary>
    public async Task<IActionResult> OnPostChangeSuspendAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        PostedForm = "suspend";
        await LoadAsync(id, ct);
        return Page();
    }

    /// <summary>The red button on the check-your-answers step: the suspension is made.</summary>
    public Task<IActionResult> OnPostConfirmSuspendAsync(Guid id, CancellationToken ct)
    {
        var command = SuspendCommand(id);
        return ChangeAsync(id, "suspend", () => sender.Send(command, ct).AsTask(), SuspendForm(), "The agreement has been suspended.", ct);
    }

    private SuspendAgreementCommand SuspendCommand(Guid id)
    {
        var ids = Suspend.IncidentIds.Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
        return new SuspendAgreementCommand(id, Suspend.Reason, Suspend.Evidence, ids, Suspend.Renew);
    }

    public Task<IActionResult> OnPostLiftAsync(Guid id, CancellationToken ct)
    {
        var suspensionId = Guid.TryParse(Lift.SuspensionId, out var g) ? g : Guid.Empty;
        var command = new LiftSuspensionCommand(id, suspensionId, Lift.Reason);
        return ChangeAsync(id, "lift", () => sender.Send(command, ct).AsTask(), new FormFields("Lift").Field("Reason"), "The suspension has been lifted.", ct);
    }

    /// <summary>The suspension form's fields in page order, so the error summary lists them in that order.</summary>
    private static FormFields SuspendForm() => new FormFields("Suspend").Field("Reason").Field("Evidence").Field("IncidentIds");

    private Task<IActionResult> ChangeAsync(Guid id, string form, Func<Task> send, FormFields fields, string done, CancellationToken ct) =>
        SendAsync(fields, [], send,
            () =>
            {
                Done = done;
                return Redirect($"/agreements/{id}");
            },
            async () =>
            {
                PostedForm = form;
                await LoadAsync(id, ct);
                return null;
            });

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Agreement = await sender.Send(new GetAgreementQuery(id), ct);
        Sharing = await sender.Send(new SharingStatusQuery(id, null), ct);
        Incidents = (await sender.Send(new AgreementIncidentsQuery(id), ct)).Select(r => (r.Id, r.Reference, r.Summary)).ToList();
    }

    public sealed class SuspendInput
    {
        public string? Reason { get; set; }

        public string? Evidence { get; set; }

        public IList<string> IncidentIds { get; set; } = [];

        public bool Renew { get; set; }
    }

    public sealed class LiftInput
    {
        public string? SuspensionId { get; set; }

        public string? Reason { get; set; }
    }
}
