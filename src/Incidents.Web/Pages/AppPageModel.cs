using System.Globalization;
using FluentValidation;
using Incidents.Application.Common.Exceptions;
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

    public const string ConflictMessage = "Someone else changed this first. It is shown below as it now stands: check it and make your change again.";

    /// <summary>True when the last send lost a race (409): forms then carry the version as it now stands.</summary>
    public bool Conflicted { get; private set; }

    /// <summary>The one send-and-show-errors path of a form: clears what model binding said, refuses to send when the
    /// form itself has errors (a date that is not a date), sends, and on success answers with <paramref name="success"/>.
    /// A validation failure, a domain rule or a lost race (409) is shown against the form's fields, in page order, with
    /// the page reloaded by <paramref name="reload"/>; a 404 or 403 gets its page.</summary>
    protected async Task<IActionResult> SendAsync(FormFields form, IReadOnlyCollection<(string Key, string Message)> formErrors, Func<Task> send,
        Func<IActionResult> success, Func<Task<IActionResult?>> reload)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(formErrors);
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(success);
        ArgumentNullException.ThrowIfNull(reload);
        ModelState.Clear();
        ViewData[FormFields.OrderKey] = form.Order;
        try
        {
            if (formErrors.Count == 0)
            {
                await send();
                return success();
            }
        }
        catch (ValidationException ex)
        {
            AddErrors(ex, form.Map);
        }
        catch (DomainException ex)
        {
            AddError(ex, form.Map);
        }
        catch (ConflictException)
        {
            Conflicted = true;
            AddError(string.Empty, ConflictMessage);
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }
        catch (ForbiddenException ex)
        {
            return ForbiddenPage(ex.Message);
        }

        foreach (var (key, message) in formErrors)
        {
            AddError(key, message);
        }

        if (await reload() is { } failed)
        {
            return failed;
        }

        if (Conflicted)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return Page();
    }

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

/// <summary>A form's fields in page order: which form key each command property (or domain rule field) is shown
/// against, so errors land on their field and the error summary lists them in the order of the page.</summary>
public sealed class FormFields(string prefix)
{
    public const string OrderKey = "ErrorOrder";

    private readonly List<(string Property, string Key)> _fields = [];

    /// <summary>A field whose form key is the prefix and the property ("Rationale" → "Decide.Rationale"), or
    /// <paramref name="key"/> when it is named otherwise (a date's errors go to its day box).</summary>
    public FormFields Field(string property, string? key = null)
    {
        _fields.Add((property, key ?? $"{prefix}.{property}"));
        return this;
    }

    /// <summary>The form keys in page order (the form as a whole, "", first).</summary>
    public IReadOnlyList<string> Order => [string.Empty, .. _fields.Select(f => f.Key).Distinct()];

    public string Map(string property)
    {
        var name = (property ?? string.Empty).Split('[')[0];
        var field = _fields.FirstOrDefault(f => string.Equals(f.Property, name, StringComparison.OrdinalIgnoreCase));
        return field.Key ?? string.Empty;
    }
}
