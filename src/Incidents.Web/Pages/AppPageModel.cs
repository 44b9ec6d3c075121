using System.Globalization;
using FluentValidation;
using Incidents.Application.Common.Exceptions;
using Incidents.Domain.Common;
using Incidents.Web.Forms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

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

    /// <summary>Adds an error once (the same message against the same field is shown once).</summary>
    protected void AddError(string key, string message)
    {
        if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Any(e => e.ErrorMessage == message))
        {
            return;
        }

        ModelState.AddModelError(key, message);
    }

    public const string ConflictMessage = "Someone else changed this first. It is shown below as it now stands: check it and make your change again.";

    /// <summary>True when the last send lost a race (409): forms then carry the version as it now stands.</summary>
    public bool Conflicted { get; private set; }

    /// <summary>The one send-and-show-errors path of a form: clears what model binding said, refuses to send when the
    /// form itself has errors (a date that is not a date), sends, and on success answers with <paramref name="success"/>.
    /// A validation failure, a domain rule or a lost race (409) is shown against the form's fields, in page order, with
    /// the page reloaded by <paramref name="reload"/>; a 404 or 403 gets its page.</summary>
    /// <remarks>When the form has errors of its own, <paramref name="check"/> (the command's validators, without sending)
    /// may still be run so every problem is shown at once; a field's own form error replaces the command's about it.</remarks>
    protected async Task<IActionResult> SendAsync(FormFields form, IReadOnlyCollection<(string Key, string Message)> formErrors, Func<Task> send,
        Func<IActionResult> success, Func<Task<IActionResult?>> reload, Func<Task>? check = null)
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

            if (check is not null)
            {
                await check();
            }
        }
        catch (ValidationException ex)
        {
            foreach (var error in ex.Errors)
            {
                var (key, message) = form.Error(error.PropertyName, error.ErrorMessage);
                AddError(key, message);
            }
        }
        catch (DomainException ex)
        {
            var (key, message) = ex.Field is null ? (string.Empty, ex.Message) : form.Error(ex.Field, ex.Message);
            AddError(key, message);
        }
        catch (ConflictException ex)
        {
            Conflicted = true;
            AddError(string.Empty, form.ConflictAsIs ? ex.Message : ConflictMessage);
        }
        catch (NotFoundException ex) when (form.NotFoundKey is not null)
        {
            AddError(form.NotFoundKey, form.NotFoundMessage ?? ex.Message);
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }
        catch (ForbiddenException ex) when (form.ForbiddenOnForm)
        {
            AddError(string.Empty, ex.Message);
        }
        catch (ForbiddenException ex)
        {
            return ForbiddenPage(ex.Message);
        }

        foreach (var key in formErrors.Select(e => e.Key).Distinct())
        {
            ModelState.Remove(key);
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

    /// <summary>Runs a command's validators without sending it (a form with errors of its own, or a check-your-answers
    /// step): a <see cref="ValidationException"/> with every failure, for <see cref="SendAsync"/> to show.</summary>
    protected static async Task CheckAsync<TCommand>(IEnumerable<IValidator<TCommand>> validators, TCommand command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(validators);
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            failures.AddRange((await validator.ValidateAsync(command, ct)).Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }
    }

    protected IActionResult NotFoundPage() =>
        StatusPage(StatusCodes.Status404NotFound, StatusPages.NotFoundTitle, StatusPages.NotFoundMessage);

    protected IActionResult ForbiddenPage(string? message = null) =>
        StatusPage(StatusCodes.Status403Forbidden, StatusPages.ForbiddenTitle, message ?? StatusPages.ForbiddenMessage);

    protected IActionResult StatusPage(int statusCode, string title, string message) =>
        StatusPages.Page(MetadataProvider, ModelState, statusCode, title, message);

    /// <summary>Reads GOV.UK date fields (day, month, year) and a time (e.g. 14:30) as London wall-clock time, through
    /// the one reader (<see cref="GovUkDate"/>: month names, the pattern's specific errors). Null with no error when every
    /// part is empty. With <paramref name="timeUnknown"/> the form offers "I do not know the time": the time is then given
    /// or explicitly unknown (the start of that day), never silently midnight; without it, <paramref name="timeRequired"/>
    /// says whether a date alone will do (the caller decides what a date alone means). A form that offered now passes what it
    /// offered (<see cref="GovUkDate.Offer"/>): that time left on another day is refused.</summary>
    public static (DateTimeOffset? Value, string? Error) ParseLondonDateTime(string? day, string? month, string? year, string? time, bool timeRequired, string what,
        bool? timeUnknown = null, string? offered = null)
    {
        var reading = timeUnknown is { } unknown || timeRequired
            ? GovUkDate.ReadDateTime(day, month, year, time, timeUnknown ?? false, timeUnknown is not null, what)
            : string.IsNullOrWhiteSpace(time) || GovUkDate.ReadDate(day, month, year, what) is { Error: not null } or { Date: null }
                ? GovUkDate.ReadDate(day, month, year, what)
                : GovUkDate.ReadDateTime(day, month, year, time, timeUnknown: false, timeUnknownOffered: false, what);
        var error = reading.Error ?? GovUkDate.OfferedTimeOnAnotherDay(reading, timeUnknown ?? false, offered);
        return error is not null ? (null, error) : (GovUkDate.InLondon(reading), null);
    }

    /// <summary>A date typed in day, month (a number or a name) and year boxes, or null.</summary>
    public static DateOnly? ParseDate(string? day, string? month, string? year) => GovUkDate.ReadDate(day, month, year, "Date").Date;
}

public sealed record StatusMessage(string Title, string Message);

/// <summary>A form's fields in page order: which form key each command property (or domain rule field) is shown
/// against, so errors land on their field and the error summary lists them in the order of the page.</summary>
public sealed class FormFields(string prefix)
{
    public const string OrderKey = "ErrorOrder";

    private readonly List<(string Property, string Key)> _fields = [];

    private Func<string, string>? _otherwise;

    private Func<string, string, (string Key, string Message)?>? _rewrite;

    /// <summary>The key a 404 from the send is shown against (a reference typed in the form that matches nothing),
    /// instead of the 404 page.</summary>
    public string? NotFoundKey { get; private set; }

    /// <summary>A 403 from the send is shown on the form (the page is open to the user; what they asked is not).</summary>
    public bool ForbiddenOnForm { get; private set; }

    /// <summary>A form whose fields are <paramref name="properties"/>, in that (page) order, each keyed prefix.property.</summary>
    public static FormFields InOrder(string prefix, IEnumerable<string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var form = new FormFields(prefix);
        foreach (var property in properties)
        {
            form.Field(property);
        }

        return form;
    }

    /// <summary>A field whose form key is the prefix and the property ("Rationale" → "Decide.Rationale"), or
    /// <paramref name="key"/> when it is named otherwise (a date's errors go to its day box).</summary>
    public FormFields Field(string property, string? key = null)
    {
        _fields.Add((property, key ?? $"{prefix}.{property}"));
        return this;
    }

    /// <summary>Where a property not named by <see cref="Field"/> goes (e.g. the facts' own mapping); "" is the form.</summary>
    public FormFields Otherwise(Func<string, string> map)
    {
        _otherwise = map;
        return this;
    }

    /// <summary>The message shown instead of the 404's own (null: the 404's own).</summary>
    public string? NotFoundMessage { get; private set; }

    public FormFields NotFoundOn(string key, string? message = null)
    {
        NotFoundKey = key;
        NotFoundMessage = message;
        return this;
    }

    /// <summary>Rewrites an error before it is mapped: a key and message of its own (e.g. "Upns[3]" → "Line 4: …"
    /// against the box the line came from), or null to map it as usual.</summary>
    public FormFields Rewrite(Func<string, string, (string Key, string Message)?> rewrite)
    {
        _rewrite = rewrite;
        return this;
    }

    /// <summary>Where an error about <paramref name="property"/> is shown, and in which words.</summary>
    public (string Key, string Message) Error(string? property, string message) =>
        _rewrite?.Invoke(property ?? string.Empty, message) ?? (Map(property ?? string.Empty), message);

    /// <summary>A 409 is shown in its own words (e.g. "This notice has already been resent."), not as a lost edit race.</summary>
    public bool ConflictAsIs { get; private set; }

    public FormFields ConflictShownAsIs()
    {
        ConflictAsIs = true;
        return this;
    }

    public FormFields ForbiddenShownOnForm()
    {
        ForbiddenOnForm = true;
        return this;
    }

    /// <summary>The form keys in page order (the form as a whole, "", first).</summary>
    public IReadOnlyList<string> Order => [string.Empty, .. _fields.Select(f => f.Key).Distinct()];

    public string Map(string property)
    {
        var name = (property ?? string.Empty).Split('[')[0];
        var field = _fields.FirstOrDefault(f => string.Equals(f.Property, name, StringComparison.OrdinalIgnoreCase));
        return field.Key ?? _otherwise?.Invoke(property ?? string.Empty) ?? string.Empty;
    }
}
