using FluentValidation;
using Incidents.Application.Features.Organisations;
using Incidents.Application.Features.Register;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Register;

/// <summary>The breach register export: a GET form (no JavaScript) whose Download handler answers the CSV or the workbook, or the form
/// again with its errors. The rows are the ones the API gives the same user.</summary>
public sealed class ExportModel(ISender sender) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? FromDay { get; set; }
    [BindProperty(SupportsGet = true)] public string? FromMonth { get; set; }
    [BindProperty(SupportsGet = true)] public string? FromYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? ToDay { get; set; }
    [BindProperty(SupportsGet = true)] public string? ToMonth { get; set; }
    [BindProperty(SupportsGet = true)] public string? ToYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? Organisation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Classification { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Format { get; set; }

    public IReadOnlyList<OrganisationView> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Organisations = await sender.Send(new ListOrganisationsQuery(), ct);

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken ct)
    {
        var from = Date(FromDay, FromMonth, FromYear, "From", "the start of the period");
        var to = Date(ToDay, ToMonth, ToYear, "To", "the end of the period");
        if (ModelState.IsValid)
        {
            try
            {
                var export = await sender.Send(new ExportRegisterQuery(RegisterFormats.IsXlsx(Format) ? "xlsx" : "csv", from, to, Guid.TryParse(Organisation, out var o) ? o : null,
                    Enum.TryParse<IncidentKind>(Kind, out var k) ? k : null,
                    Enum.TryParse<TriageClassification>(Classification, out var c) ? c : null,
                    Enum.TryParse<IncidentStatus>(State, out var s) ? s : null), ct);
                Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = export.FileName, DispositionType = "attachment" }.ToString();
                Response.ContentType = export.ContentType;
                await export.WriteAsync(Response.Body, ct);
                return new EmptyResult();
            }
            catch (ValidationException ex)
            {
                AddErrors(ex, field => field switch { "From" => "FromDay", "To" => "ToDay", _ => string.Empty });
            }
        }

        Organisations = await sender.Send(new ListOrganisationsQuery(), ct);
        return Page();
    }

    private DateOnly? Date(string? day, string? month, string? year, string prefix, string what)
    {
        if (string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year))
        {
            return null;
        }

        var date = ParseDate(day, month, year);
        if (date is null)
        {
            AddError(prefix + "Day", $"Enter a real date for {what}, for example 1 9 2026.");
        }

        return date;
    }
}
