using FluentValidation;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Agreements;
using Incidents.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Agreements;

/// <summary>An agreement: its suspension history and sharing status, and (for SIL's DPO and designated officers)
/// the clause 10 forms to suspend, renew and lift. What the user may see and do comes from the query (Agreement.Actions,
/// SuspensionView.Details), never from the page.</summary>
public sealed class DetailsModel(ISender sender) : AppPageModel
{
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

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken ct)
    {
        var ids = Suspend.IncidentIds.Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
        var command = new SuspendAgreementCommand(id, Suspend.Reason, Suspend.Evidence, ids, Suspend.Renew);
        var fields = Fields("Suspend", new Dictionary<string, string>(), "Reason", "Evidence", "IncidentIds");
        return await ChangeAsync(id, "suspend", () => sender.Send(command, ct).AsTask(), fields, "The agreement has been suspended.", ct);
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid id, CancellationToken ct)
    {
        var suspensionId = Guid.TryParse(Lift.SuspensionId, out var g) ? g : Guid.Empty;
        var command = new LiftSuspensionCommand(id, suspensionId, Lift.Reason);
        var fields = Fields("Lift", new Dictionary<string, string>(), "Reason");
        return await ChangeAsync(id, "lift", () => sender.Send(command, ct).AsTask(), fields, "The suspension has been lifted.", ct);
    }

    private async Task<IActionResult> ChangeAsync(Guid id, string form, Func<Task> send, Func<string, string?> fields, string done, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            await send();
            Done = done;
            return Redirect($"/agreements/{id}");
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
            AddError(string.Empty, "Someone else changed this agreement first. It is shown below as it now stands: check it and try again.");
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }
        catch (ForbiddenException ex)
        {
            return ForbiddenPage(ex.Message);
        }

        PostedForm = form;
        return await LoadAsync(id, ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Agreement = await sender.Send(new GetAgreementQuery(id), ct);
            Sharing = await sender.Send(new SharingStatusQuery(id, null), ct);
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }

        Incidents = (await sender.Send(new AgreementIncidentsQuery(id), ct)).Select(r => (r.Id, r.Reference, r.Summary)).ToList();
        return null;
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
