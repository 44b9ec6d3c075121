using System.Globalization;
using FluentValidation;
using Incidents.Domain.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Incidents.Web.Pages;

/// <summary>What every page model shares: errors from the mediator copied into ModelState (keyed by the form field,
/// so the error summary links to it), and the 403/404 pages.</summary>
/// <remarks>Pages authenticate with the Identity cookie through the "Pages" policy that Program.cs puts on the whole
/// Pages folder (the API's default scheme would answer a signed-out browser with a bare 401).</remarks>
public abstract class AppPageModel : PageModel
{
    /// <summary>The first error recorded against a form field, or null.</summary>
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public bool HasError(string key) => ErrorFor(key) is not null;

    /// <summary>Copies a validation failure's errors into ModelState. <paramref name="field"/> maps the command's
    /// property name (e.g. "DiscoveredAt", "Severity.DataProcessingContext") to the form field's key; an unknown
    /// property is kept against the form as a whole (key "").</summary>
    protected void AddErrors(ValidationException exception, Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(field);
        foreach (var error in exception.Errors)
        {
            AddError(field(error.PropertyName) ?? string.Empty, error.ErrorMessage);
        }
    }

    protected void AddError(DomainException exception, Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(field);
        AddError(exception.Field is null ? string.Empty : field(exception.Field) ?? string.Empty, exception.Message);
    }

    /// <summary>Adds an error once (the same message against the same field is shown once).</summary>
    protected void AddError(string key, string message)
    {
        if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Any(e => e.ErrorMessage == message))
        {
            return;
        }

        ModelState.AddModelError(key, message);
    }

    /// <summary>Maps a command property (or a domain rule's camelCase field) to a form key: a renamed one, or one of
    /// <paramref name="known"/> with the prefix ("Summary" → "Input.Summary"); anything else is about the form as a whole ("").</summary>
    protected static Func<string, string?> Fields(string prefix, IReadOnlyDictionary<string, string> renamed, params string[] known) => property =>
    {
        var name = (property ?? string.Empty).Split('[')[0];
        foreach (var (from, to) in renamed)
        {
            if (string.Equals(from, name, StringComparison.OrdinalIgnoreCase))
            {
                return to;
            }
        }

        var field = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
        return field is null ? string.Empty : $"{prefix}.{field}";
    };

    protected IActionResult NotFoundPage() =>
        StatusPage(StatusCodes.Status404NotFound, "Page not found", "If you typed the web address, check it is correct. If you followed a link, the thing it points to does not exist or you may not see it.");

    protected IActionResult ForbiddenPage(string? message = null) =>
        StatusPage(StatusCodes.Status403Forbidden, "You cannot do this", message ?? "Your role does not allow this. Ask SIL's data protection officer if you think it should.");

    protected IActionResult StatusPage(int statusCode, string title, string message) =>
        new PartialViewResult
        {
            ViewName = "_Status",
            StatusCode = statusCode,
            ViewData = new ViewDataDictionary(MetadataProvider, ModelState) { Model = new StatusMessage(title, message) },
        };

    /// <summary>Reads GOV.UK date fields (day, month, year) and an optional time (e.g. 14:30) as London wall-clock time.
    /// Null with no error when every part is empty; null with an error message when they do not form a date.</summary>
    public static (DateTimeOffset? Value, string? Error) ParseLondonDateTime(string? day, string? month, string? year, string? time, bool timeRequired, string what)
    {
        if (string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year) && string.IsNullOrWhiteSpace(time))
        {
            return (null, null);
        }

        if (ParseDate(day, month, year) is not { } date)
        {
            return (null, $"{what} must be a real date, for example 27 3 2026.");
        }

        var clock = TimeOnly.MinValue;
        if (!string.IsNullOrWhiteSpace(time))
        {
            if (!TimeOnly.TryParseExact(time.Trim().Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out clock))
            {
                return (null, $"{what}: enter the time in 24-hour format, for example 14:30.");
            }
        }
        else if (timeRequired)
        {
            return (null, $"{what}: enter the time, for example 14:30.");
        }

        return (LondonTime.FromLondonWallClock(date.ToDateTime(clock)), null);
    }

    public static DateOnly? ParseDate(string? day, string? month, string? year)
    {
        if (!int.TryParse(day?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || y is < 1000 or > 9999 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return null;
        }

        return new DateOnly(y, m, d);
    }
}

public sealed record StatusMessage(string Title, string Message);
