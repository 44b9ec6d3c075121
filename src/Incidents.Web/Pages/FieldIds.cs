using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Incidents.Web.Pages;

/// <summary>The id of a form field from its ModelState key, as the pages write them: "Input.Summary" → "Input_Summary".</summary>
public static class FieldIds
{
    public static string For(string key) => (key ?? string.Empty).Replace('.', '_').Replace('[', '_').Replace(']', '_');

    /// <summary>The GOV.UK error message above a field (id "{field}-error"), or nothing when the field has no error.</summary>
    public static IHtmlContent ErrorMessage(this AppPageModel model, string key)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.ErrorFor(key) is not { } message)
        {
            return HtmlString.Empty;
        }

        var p = new TagBuilder("p");
        p.Attributes["id"] = For(key) + "-error";
        p.AddCssClass("govuk-error-message");
        var hidden = new TagBuilder("span");
        hidden.AddCssClass("govuk-visually-hidden");
        hidden.InnerHtml.Append("Error:");
        p.InnerHtml.AppendHtml(hidden);
        p.InnerHtml.Append(" " + message);
        return p;
    }
}

/// <summary>A set of GOV.UK radios for the _Radios partial.</summary>
public sealed record RadiosModel(string Key, string Legend, IReadOnlyList<(string Value, string Label)> Options, string? Selected, string? Error, bool Inline = false);

/// <summary>A GOV.UK text input or textarea for the _TextField partial.</summary>
public sealed record TextFieldModel(string Key, string Label, string? Value, string? Error, bool Multiline = false, string? Hint = null);
