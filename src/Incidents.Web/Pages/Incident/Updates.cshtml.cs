using System.Globalization;
using Incidents.Application.Features.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>Dated updates: anyone who may see the incident adds a note or a corrected fact; the report stays as it was.</summary>
public sealed class UpdatesModel(ISender sender) : AppPageModel
{
    [BindProperty]
    public string? About { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    [BindProperty]
    public string? Version { get; set; }

    [TempData]
    public string? Done { get; set; }

    public IncidentDetails Incident { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
        {
            return missing;
        }

        Version = Incident.Version.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var version = int.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : (int?)null;
        var form = new FormFields(string.Empty).Field("About", "About").Field("Note", "Note");
        return SendAsync(form, [],
            () => sender.Send(new AddIncidentUpdateCommand(id, version, About, Note), ct).AsTask(),
            () =>
            {
                Done = "Your update has been added.";
                return Redirect($"/incidents/{id}/updates");
            },
            async () =>
            {
                if (await LoadAsync(id, ct) is { } missing)
                {
                    return missing;
                }

                if (Conflicted || string.IsNullOrEmpty(Version))
                {
                    Version = Incident.Version.ToString(CultureInfo.InvariantCulture);
                }

                return null;
            });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        Incident = await sender.Send(new GetIncidentQuery(id), ct);
        return null;
    }
}
