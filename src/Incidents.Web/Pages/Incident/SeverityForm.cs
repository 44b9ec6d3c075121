using System.Globalization;
using Incidents.Application.Features.Triage;

namespace Incidents.Web.Pages.Incident;

/// <summary>The ENISA severity questions as typed on a form (the triage page and the severity page share them).</summary>
public sealed class SeverityFields
{
    public string? Context { get; set; }

    public bool ChildrensData { get; set; }

    public string? Ease { get; set; }

    public string? Confidentiality { get; set; }

    public string? Integrity { get; set; }

    public string? Availability { get; set; }

    public bool MaliciousIntent { get; set; }

    public bool Answered => !string.IsNullOrEmpty(Context) || !string.IsNullOrEmpty(Ease);

    public SeverityInput ToCommand() => new(
        int.TryParse(Context, NumberStyles.None, CultureInfo.InvariantCulture, out var context) ? context : null,
        ChildrensData,
        double.TryParse(Ease, NumberStyles.Float, CultureInfo.InvariantCulture, out var ease) ? ease : null,
        Circumstance(Confidentiality),
        Circumstance(Integrity),
        Circumstance(Availability),
        MaliciousIntent);

    /// <summary>The form keys of the command's severity properties, in page order.</summary>
    public static FormFields AddTo(FormFields form, string prefix) => form
        .Field("Severity.DataProcessingContext", $"{prefix}.Context")
        .Field("Severity.EaseOfIdentification", $"{prefix}.Ease")
        .Field("Severity.Confidentiality", $"{prefix}.Confidentiality")
        .Field("Severity.Integrity", $"{prefix}.Integrity")
        .Field("Severity.Availability", $"{prefix}.Availability");

    private static double Circumstance(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
}

/// <summary>The model of the _SeverityFields partial: the page (for its errors), the key prefix and the values.</summary>
public sealed record SeverityFieldsModel(AppPageModel Page, string Prefix, SeverityFields Values);

/// <summary>The model of the _DateTimeInput partial: fields "{Key}Day", "{Key}Month", "{Key}Year" and, with a time, "{Key}Time".</summary>
public sealed record DateTimeInputModel(string Key, string Legend, string Hint, string? Day, string? Month, string? Year, string? Time, bool WithTime, string? Error);

/// <summary>The model of the _YesNo partial: <paramref name="IfYes"/> is revealed under "Yes".</summary>
public sealed record YesNoModel(string Key, string Legend, string? Selected, string? Error, Microsoft.AspNetCore.Html.IHtmlContent? IfYes = null);
