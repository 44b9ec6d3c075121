using Incidents.Application.Features.Discrepancies;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Discrepancies;

/// <summary>One discrepancy: its UPNs with what each side holds and the corrections; the provider's correction form and
/// each party's confirmation. What the user may do comes from the query (<see cref="DiscrepancyDetails.Actions"/>).</summary>
public sealed class DetailsModel(ISender sender) : AppPageModel
{
    [BindProperty]
    public List<CorrectionField> Corrections { get; set; } = [];

    [BindProperty]
    public int? Version { get; set; }

    public DiscrepancyDetails Discrepancy { get; private set; } = null!;

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    public Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken ct)
    {
        // Only the rows given a correction are sent; their position in the command maps its errors back to the form.
        var given = Corrections.Select((c, i) => (Field: c, Index: i)).Where(c => !string.IsNullOrWhiteSpace(c.Field.Correction)).ToList();
        var command = new RecordCorrectionsCommand(id, Version, given.Select(g => (CorrectionInput?)new CorrectionInput(g.Field.Upn, g.Field.Correction, g.Field.ProviderHolds)).ToList());
        var form = new FormFields("Corrections").Otherwise(property =>
        {
            // "Corrections[2].Correction" → "Corrections[<form row>].Correction"
            if (property.StartsWith("Corrections[", StringComparison.Ordinal) && property.IndexOf(']', StringComparison.Ordinal) is var close and > 12
                && int.TryParse(property[12..close], out var i) && i < given.Count)
            {
                var rest = property[(close + 1)..];
                return $"Corrections[{given[i].Index}]{(rest.Length == 0 ? ".Correction" : rest)}";
            }

            return property.StartsWith("Corrections", StringComparison.OrdinalIgnoreCase) ? "Corrections[0].Correction" : string.Empty;
        });
        return ChangeAsync(id, () => sender.Send(command, ct).AsTask(), form, "The corrections have been recorded.", ct);
    }

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken ct) =>
        ChangeAsync(id, () => sender.Send(new ConfirmDiscrepancyCommand(id, Version), ct).AsTask(), new FormFields(string.Empty), "Your organisation's confirmation has been recorded.", ct);

    private Task<IActionResult> ChangeAsync(Guid id, Func<Task<DiscrepancyDetails>> send, FormFields form, string done, CancellationToken ct)
    {
        DiscrepancyDetails? after = null;
        return SendAsync(form, [],
            async () => after = await send(),
            () =>
            {
                Done = after!.Status == Domain.Discrepancies.DiscrepancyStatus.Closed ? $"Both parties have confirmed: {after.Reference} is closed." : done;
                return Redirect($"/discrepancies/{id}");
            },
            async () =>
            {
                await LoadAsync(id, ct, keepInput: !Conflicted);
                return null;
            });
    }

    private async Task LoadAsync(Guid id, CancellationToken ct, bool keepInput = false)
    {
        Discrepancy = await sender.Send(new GetDiscrepancyQuery(id), ct);
        if (!keepInput || Corrections.Count != Discrepancy.Rows.Count)
        {
            Corrections = Discrepancy.Rows.Select(r => new CorrectionField { Upn = r.Upn, Correction = r.Correction, ProviderHolds = r.ProviderHolds }).ToList();
        }

        Version = Discrepancy.Version;
    }

    public sealed class CorrectionField
    {
        public string? Upn { get; set; }

        public string? Correction { get; set; }

        public string? ProviderHolds { get; set; }
    }
}
