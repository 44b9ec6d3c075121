using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>Close the incident with its lessons learned, or reopen a closed one.</summary>
public sealed class CloseTaskModel(ISender sender) : IncidentPageModel(sender)
{
    [BindProperty]
    public CloseForm Close { get; set; } = new();

    [BindProperty]
    public ReopenForm Reopen { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, IncidentTasks.Close, ct) ?? Page();

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        var command = new CloseIncidentCommand(id, Version(Close.Version), Close.LessonsLearned, Close.Force, Close.Force ? Close.ForceReason : null);
        var form = new FormFields("Close").Field("LessonsLearned").Field("Force", "Close.ForceReason").Field("ForceReason");
        return SaveAsync(id, IncidentTasks.Close, form, [], () => Sender.Send(command, ct).AsTask(), "The incident has been closed.", ct);
    }

    public Task<IActionResult> OnPostReopenAsync(Guid id, CancellationToken ct)
    {
        var command = new ReopenIncidentCommand(id, Version(Reopen.Version), Reopen.Reason);
        return SaveAsync(id, IncidentTasks.Close, new FormFields("Reopen").Field("Reason"), [], () => Sender.Send(command, ct).AsTask(), "The incident has been reopened.", ct);
    }

    public sealed class CloseForm
    {
        public string? Version { get; set; }

        public string? LessonsLearned { get; set; }

        public bool Force { get; set; }

        public string? ForceReason { get; set; }
    }

    public sealed class ReopenForm
    {
        public string? Version { get; set; }

        public string? Reason { get; set; }
    }
}
