using System.Text.Json;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.NoticeTemplates;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.ReportingLinks;

/// <summary>The confirmation after a report through a reporting link. The reporter has no account and may not open
/// the incident, so what they are shown (the reference and who is told) is carried here from the report in TempData
/// (a data-protected cookie), once; a refresh or a visit without it is a 404.</summary>
public sealed class ReportedModel : AppPageModel
{
    public const string TempDataKey = "ReportedViaLink";

    public LinkReceipt Receipt { get; private set; } = null!;

    public string? Token => RouteData.Values["token"] as string;

    public static string Carry(ReportIncidentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(new LinkReceipt(
            result.Reference,
            result.Notified.Select(n => new LinkReceiptRecipient(n.Name, n.Organisation ?? string.Empty, NoticeFields.DescribeReason(n.Reason))).ToList()));
    }

    public IActionResult OnGet()
    {
        if (TempData[TempDataKey] is not string carried || JsonSerializer.Deserialize<LinkReceipt>(carried) is not { } receipt)
        {
            return NotFoundPage();
        }

        Receipt = receipt;
        return Page();
    }

    public sealed record LinkReceipt(string Reference, IReadOnlyList<LinkReceiptRecipient> Notified);

    public sealed record LinkReceiptRecipient(string Name, string Organisation, string Why);
}
