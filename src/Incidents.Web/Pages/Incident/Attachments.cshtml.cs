using Incidents.Application.Features.Evidence;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>An incident's evidence and the upload form (the incident page has the same form and posts here).</summary>
public sealed class AttachmentsModel(ISender sender, AttachmentSettings settings) : AppPageModel
{
    public Guid Id { get; private set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [TempData]
    public string? Done { get; set; }

    public EvidenceView Evidence { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        Evidence = new EvidenceView(id, await sender.Send(new ListAttachmentsQuery(id), ct), settings.MaxInWords, null);

        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        var form = new FormFields(string.Empty).Field("File", "Upload").Field("FileName", "Upload").Field("Size", "Upload");
        return SendAsync(form, [],
            async () =>
            {
                await using var content = Upload?.OpenReadStream();
                var added = await sender.Send(new UploadAttachmentCommand(id, Upload?.FileName, Upload?.Length ?? 0, content), ct);
                Done = $"{added.FileName} was attached. Its SHA-256 is {added.Sha256}.";
            },
            () => Redirect($"/incidents/{id}/attachments"),
            async () =>
            {
                await OnGetWithErrorAsync(id, ct);
                return null;
            });
    }

    private async Task<IActionResult> OnGetWithErrorAsync(Guid id, CancellationToken ct)
    {
        Evidence = new EvidenceView(id, await sender.Send(new ListAttachmentsQuery(id), ct), settings.MaxInWords, ErrorFor("Upload"));
        return Page();
    }
}
