using System.Text.RegularExpressions;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.NoticeTemplates;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.NoticeTemplates;

/// <summary>The DPO edits one notice type's template: the merge fields, a preview with a real incident, save, revert.</summary>
[Authorize(Roles = Roles.DpoOrAdmin)]
public sealed partial class EditModel(ISender sender) : AppPageModel
{
    public NoticeTemplateView Template { get; private set; } = null!;

    [BindProperty]
    public string? Subject { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? IncidentReference { get; set; }

    [BindProperty]
    public RecipientReason? As { get; set; }

    public NoticePreview? Preview { get; private set; }

    /// <summary>The preview's HTML body, as the renderer wrote it (every merge field and the template's own text encoded).</summary>
    /// <remarks>The email's own style attributes are left out: the page's Content-Security-Policy allows no inline style.</remarks>
    public string? PreviewHtmlBody => Preview is null ? null : BodyPart().Match(Preview.Html) is { Success: true } m ? StyleAttribute().Replace(m.Groups[1].Value, string.Empty) : null;

    public bool IsIncidentNotice => Template.Type is NotificationType.IncidentReported or NotificationType.IncidentReceipt;

    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(string type, CancellationToken ct)
    {
        if (!await LoadAsync(type, ct))
        {
            return NotFoundPage();
        }

        Subject = Template.Subject;
        Body = Template.Body;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string type, CancellationToken ct)
    {
        if (!await LoadAsync(type, ct))
        {
            return NotFoundPage();
        }

        var form = new FormFields(string.Empty).Field("Subject", nameof(Subject)).Field("Body", nameof(Body));
        return await SendAsync(form, [],
            async () => Template = await sender.Send(new EditNoticeTemplateCommand(Subject, Body) { Type = Template.Type }, ct),
            () =>
            {
                Saved = $"Saved as version {Template.Version}. Notices sent from now on use it.";
                return Page();
            },
            async () =>
            {
                if (Conflicted && await LoadAsync(type, ct))
                {
                    Subject = Template.Subject;
                    Body = Template.Body;
                }

                return null;
            });
    }

    public async Task<IActionResult> OnPostPreviewAsync(string type, CancellationToken ct)
    {
        if (!await LoadAsync(type, ct))
        {
            return NotFoundPage();
        }

        var form = new FormFields(string.Empty).Field("Subject", nameof(Subject)).Field("Body", nameof(Body)).NotFoundOn(nameof(IncidentReference));
        return await SendAsync(form, [],
            async () => Preview = await sender.Send(new PreviewNoticeQuery(Subject, Body, IncidentReference, As) { Type = Template.Type }, ct),
            Page,
            () => Task.FromResult<IActionResult?>(null));
    }

    public async Task<IActionResult> OnPostRevertAsync(string type, CancellationToken ct)
    {
        if (!await LoadAsync(type, ct))
        {
            return NotFoundPage();
        }

        Template = await sender.Send(new RevertNoticeTemplateCommand(Template.Type), ct);
        Subject = Template.Subject;
        Body = Template.Body;
        ModelState.Clear();
        Saved = $"Put back to the default as version {Template.Version}.";
        return Page();
    }

    private async Task<bool> LoadAsync(string type, CancellationToken ct)
    {
        if (!Enum.TryParse<NotificationType>(type, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || type.Any(char.IsDigit))
        {
            return false;
        }

        var all = await sender.Send(new ListNoticeTemplatesQuery(), ct);
        var found = all.FirstOrDefault(t => t.Type == parsed);
        if (found is null)
        {
            return false;
        }

        Template = found;
        return true;
    }

    [GeneratedRegex("<body[^>]*>(.*)</body>", RegexOptions.Singleline)]
    private static partial Regex BodyPart();

    [GeneratedRegex("\\sstyle=\"[^\"]*\"")]
    private static partial Regex StyleAttribute();
}
