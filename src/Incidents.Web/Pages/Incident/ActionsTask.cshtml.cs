using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>Containment and remedial actions: add one, or mark one done.</summary>
public sealed class ActionsTaskModel(ISender sender) : IncidentPageModel(sender)
{
    [BindProperty]
    public ActionForm NewAction { get; set; } = new();

    [BindProperty]
    public CompleteForm Complete { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, IncidentTasks.Actions, ct) ?? Page();

    public Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken ct)
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
        var form = new FormFields("NewAction").Field("Kind").Field("Description").Field("AssignedTo").Field("DueDate", "NewAction.DueDay");
        return SaveAsync(id, IncidentTasks.Actions, form, formErrors, () => Sender.Send(command, ct).AsTask(), "The action has been added.", ct);
    }

    public Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct)
    {
        var actionId = Guid.TryParse(Complete.ActionId, out var a) ? a : Guid.Empty;
        var command = new CompleteActionCommand(id, actionId, Version(Complete.Version), Complete.Note);
        return SaveAsync(id, IncidentTasks.Actions, new FormFields("Complete").Field("Note"), [], () => Sender.Send(command, ct).AsTask(),
            "The action has been marked as done.", ct);
    }

    public sealed class ActionForm
    {
        public string? Version { get; set; }

        public string? Kind { get; set; }

        public string? Description { get; set; }

        public string? AssignedTo { get; set; }

        public string? DueDay { get; set; }

        public string? DueMonth { get; set; }

        public string? DueYear { get; set; }
    }

    public sealed class CompleteForm
    {
        public string? Version { get; set; }

        public string? ActionId { get; set; }

        public string? Note { get; set; }
    }
}
