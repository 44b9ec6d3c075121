using System.Globalization;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Notifications;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>What the incident's task list and each task's page share: the incident as one query gives it (record,
/// tasks with their status, the signed-in user's rights), the version a form sends, and "Save and continue": send the
/// command, then back to the task list at that task (<c>#task-{key}</c>), or the errors on this page.</summary>
public abstract class IncidentPageModel(ISender sender) : AppPageModel
{
    protected ISender Sender { get; } = sender;

    public IncidentWorkspace Workspace { get; private set; } = null!;

    public IncidentDetails Incident => Workspace.Incident;

    /// <summary>Is email getting out (the banner at the top)?</summary>
    public EmailStatus? Email { get; private set; }

    /// <summary>This page's task (null on the task list).</summary>
    public IncidentTask? Task { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public string TaskListHref => $"/incidents/{Incident.Id}";

    /// <summary>The version a form sends: the one the user's typing was based on, unless it lost a race.</summary>
    public string VersionFor(string? posted) =>
        !Conflicted && !string.IsNullOrEmpty(posted) ? posted : Incident.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Loads the incident; on a task's page, also that task, refusing (403) a user who may not do it. A task
    /// that cannot start yet shows its page saying why, without its form.</summary>
    protected async Task<IActionResult?> LoadAsync(Guid id, string? taskKey, CancellationToken ct)
    {
        Workspace = await Sender.Send(new GetIncidentWorkspaceQuery(id), ct);
        Email = await Sender.Send(new EmailStatusQuery(), ct);

        if (taskKey is not null)
        {
            Task = Workspace.Task(taskKey);
            if (!Task.MayDo)
            {
                return ForbiddenPage();
            }
        }

        return null;
    }

    /// <summary>Save and continue: sends, and on success goes back to the task list at this task.</summary>
    protected Task<IActionResult> SaveAsync(Guid id, string taskKey, FormFields form, IReadOnlyCollection<(string Key, string Message)> formErrors,
        Func<Task> send, string done, CancellationToken ct, Func<Task>? prepare = null) =>
        SendAsync(form, formErrors, send,
            () =>
            {
                Done = done;
                return Redirect($"/incidents/{id}#task-{taskKey}");
            },
            async () =>
            {
                if (await LoadAsync(id, taskKey, ct) is { } failed)
                {
                    return failed;
                }

                if (prepare is not null)
                {
                    await prepare();
                }

                return null;
            });

    protected static int? Version(string? value) => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    protected static T? Enum<T>(string? value)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && System.Enum.IsDefined(parsed) ? parsed : null;

    protected static bool? YesNo(string? value) => value switch
    {
        "yes" => true,
        "no" => false,
        _ => null,
    };

    /// <summary>A whole number typed in a field: null when empty; null with an error when it is not one.</summary>
    protected static int? WholeNumber(string? value, string key, string what, List<(string, string)> formErrors)
    {
        ArgumentNullException.ThrowIfNull(formErrors);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim().Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        formErrors.Add((key, $"{what} must be a whole number, for example 28."));
        return null;
    }
}
