using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.Agreements;
using Incidents.Application.Features.Discrepancies;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Discrepancies;

/// <summary>The raise form: UPNs pasted as a list or uploaded as a CSV file. It sends the same
/// <see cref="RaiseDiscrepancyCommand"/> as the API; a fault in <c>upns[i]</c> is shown against the line it came from.</summary>
[RequestSizeLimit(MaxCsvBytes + 64 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxCsvBytes + 64 * 1024)]
public sealed class RaiseModel(ISender sender, ICurrentUser user) : AppPageModel
{
    public const int MaxCsvBytes = 1024 * 1024;

    [BindProperty]
    public RaiseInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "agreementId")]
    public Guid? AgreementFromLink { get; set; }

    /// <summary>The agreements (in force or suspended) the user's organisation is a party to: id, the other party, its name.</summary>
    public IReadOnlyList<(Guid Id, string Title, Guid OtherParty, string OtherName)> Agreements { get; private set; } = [];

    public string OrganisationName { get; private set; } = string.Empty;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (AgreementFromLink is { } id && Agreements.Any(a => a.Id == id))
        {
            Input.AgreementId = id.ToString();
        }
        else if (Agreements.Count == 1)
        {
            Input.AgreementId = Agreements[0].Id.ToString();
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var errors = new List<(string Key, string Message)>();
        var lines = UpnLines.FromText(Input.Upns).Select(l => (Key: "Input.Upns", Where: $"Line {l.Line}", Line: l)).ToList();
        if (Input.Csv is { Length: > 0 } file)
        {
            if (file.Length > MaxCsvBytes)
            {
                errors.Add(("Input.Csv", "The CSV file must be smaller than 1 MB."));
            }
            else
            {
                await using var stream = file.OpenReadStream();
                var (csvLines, csvError) = UpnLines.FromCsv(stream);
                if (csvError is not null)
                {
                    errors.Add(("Input.Csv", csvError));
                }

                lines.AddRange(csvLines.Select(l => (Key: "Input.Csv", Where: $"Row {l.Line} of the file", Line: l)));
            }
        }

        var agreement = Agreements.FirstOrDefault(a => string.Equals(a.Id.ToString(), Input.AgreementId, StringComparison.OrdinalIgnoreCase));
        Guid? provider = Input.Provider switch
        {
            "us" => user.OrganisationId,
            "them" when agreement != default => agreement.OtherParty,
            _ => null,
        };
        if (Input.Provider is "them" && agreement == default)
        {
            errors.Add(("Input.Provider", "Choose the agreement first, then which party provided the data."));
        }

        var command = new RaiseDiscrepancyCommand(
            agreement == default ? null : agreement.Id,
            Input.DataItem,
            provider,
            lines.Select(l => (string?)l.Line.Upn).ToList(),
            Input.Details,
            lines.Select(l => (HeldValues?)new HeldValues(l.Line.RaiserHolds, l.Line.ProviderHolds)).ToList());

        var form = new FormFields("Input")
            .Field("AgreementId").Field("ProviderOrganisationId", "Input.Provider").Field("DataItem").Field("Upns").Field("Held", "Input.Upns").Field("Csv").Field("Details")
            .Rewrite((property, message) => Line(property, message, lines))
            .NotFoundOn("Input.AgreementId", "Choose an agreement your organisation is a party to.");
        var raisedId = Guid.Empty;
        return await SendAsync(form, errors,
            async () =>
            {
                var raised = await sender.Send(command, ct);
                TempData["Done"] = raised.Notified.Count == 0
                    ? $"{raised.Reference} has been raised. The provider has no designated officer on record, so nobody was emailed: tell them directly."
                    : $"{raised.Reference} has been raised and the provider's designated officers have been emailed. It is to be resolved by {raised.DueBy}.";
                raisedId = raised.Id;
            },
            () => Redirect($"/discrepancies/{raisedId}"),
            () => Task.FromResult<IActionResult?>(null));
    }

    /// <summary>A command error about one UPN (<c>Upns[3]</c>, <c>Held[3]</c>) against the box its line came from, naming
    /// the line; null for any other error.</summary>
    private static (string Key, string Message)? Line(string property, string message, List<(string Key, string Where, UpnLine Line)> lines)
    {
        var name = property.Split('[')[0];
        if ((name.Equals("Upns", StringComparison.OrdinalIgnoreCase) || name.Equals("Held", StringComparison.OrdinalIgnoreCase))
            && property.Contains('[', StringComparison.Ordinal)
            && int.TryParse(property[(property.IndexOf('[', StringComparison.Ordinal) + 1)..property.IndexOf(']', StringComparison.Ordinal)], out var index)
            && index >= 0 && index < lines.Count)
        {
            return (lines[index].Key, $"{lines[index].Where}: {message}");
        }

        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var me = user.OrganisationId;
        var agreements = await sender.Send(new ListAgreementsQuery(), ct);
        Agreements = agreements
            .Where(a => a.Status != AgreementStatus.Terminated && (a.School.Id == me || a.Sil.Id == me))
            .OrderBy(a => a.School.Name, StringComparer.OrdinalIgnoreCase)
            .Select(a => a.Sil.Id == me ? (a.Id, $"With {a.School.Name}", a.School.Id, a.School.Name) : (a.Id, $"With {a.Sil.Name}", a.Sil.Id, a.Sil.Name))
            .ToList();
        OrganisationName = agreements.Select(a => a.School.Id == me ? a.School.Name : a.Sil.Id == me ? a.Sil.Name : null).FirstOrDefault(n => n is not null) ?? "Your organisation";
    }

    public sealed class RaiseInput
    {
        public string? AgreementId { get; set; }

        /// <summary>"us" or "them".</summary>
        public string? Provider { get; set; }

        public string? DataItem { get; set; }

        public string? Upns { get; set; }

        public IFormFile? Csv { get; set; }

        public string? Details { get; set; }
    }
}
