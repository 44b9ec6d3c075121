using Incidents.Application.Features.Agreements;
using Incidents.Application.Features.Evidence;
using Incidents.Web.Pages.Incident;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Agreements;

/// <summary>Clause 10: the files of evidence of a suspension, and the upload form (multipart, no JavaScript).</summary>
public sealed class SuspensionEvidenceModel(ISender sender, AttachmentSettings settings) : AppPageModel
{
    [BindProperty]
    public IFormFile? Upload { get; set; }

    [TempData]
    public string? Done { get; set; }

    public SuspensionEvidence Suspension { get; private set; } = null!;

    public EvidenceView Evidence { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid suspensionId, CancellationToken ct)
    {
        await LoadAsync(id, suspensionId, null, ct);

        return Page();
    }

    public Task<IActionResult> OnPostAsync(Guid id, Guid suspensionId, CancellationToken ct)
    {
        var form = new FormFields(string.Empty).Field("File", "Upload").Field("FileName", "Upload").Field("Size", "Upload");
        return SendAsync(form, [],
            async () =>
            {
                await using var content = Upload?.OpenReadStream();
                var added = await sender.Send(new UploadSuspensionAttachmentCommand(id, suspensionId, Upload?.FileName, Upload?.Length ?? 0, content), ct);
                Done = $"{added.FileName} was attached. Its SHA-256 is {added.Sha256}.";
            },
            () => Redirect($"/agreements/{id}/suspensions/{suspensionId}/evidence"),
            async () =>
            {
                await LoadAsync(id, suspensionId, ErrorFor("Upload"), ct);
                return null;
            });
    }

    private async Task LoadAsync(Guid id, Guid suspensionId, string? error, CancellationToken ct)
    {
        Suspension = await sender.Send(new ListSuspensionAttachmentsQuery(id, suspensionId), ct);
        Evidence = EvidenceView.ForSuspension(id, suspensionId, Suspension.Attachments, settings.MaxInWords, error, Suspension.MayAdd);
    }
}
