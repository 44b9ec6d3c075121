using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Register;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;
using Mediator;

namespace Incidents.Application.Features.Incidents;

/// <summary>The incident page: the record, its tasks with their status, what the signed-in user may do, and the audit
/// trail in words. "Who may do what" is decided here (<see cref="IncidentRights"/>), once, for pages and tasks alike.</summary>
[RequiresSignIn]
public sealed record GetIncidentWorkspaceQuery(Guid Id) : IRequest<IncidentWorkspace>;

/// <param name="ChildrensDataReported">The categories reported include children's data (the severity's "children's data" starts ticked).</param>
public sealed record IncidentWorkspace(IncidentDetails Incident, IncidentRights Rights, IReadOnlyList<IncidentTask> Tasks, IReadOnlyList<AuditStep> Audit, bool ChildrensDataReported)
{
    public IncidentTask Task(string key) => Tasks.Single(t => t.Key == key);
}

/// <summary>One audit step in words, with what it changed (before → after) where the entry holds both.</summary>
public sealed record AuditStep(DateTimeOffset At, string Who, string What, IReadOnlyList<string> Changes);

/// <summary>The GOV.UK task list statuses.</summary>
public enum IncidentTaskStatus
{
    CannotStartYet,
    NotStarted,
    InProgress,
    Done,
}

/// <summary>One task on the incident page: its own page (<see cref="Path"/>), its status, whether the signed-in user
/// may do it, and a line saying why it cannot start yet (or what stands).</summary>
public sealed record IncidentTask(string Key, string Name, string Path, IncidentTaskStatus Status, bool MayDo, string? Hint = null)
{
    /// <summary>A link on the task list: only a task the user may do and that can start.</summary>
    public bool Linked => MayDo && Status != IncidentTaskStatus.CannotStartYet;
}

/// <summary>What the signed-in user may do to an incident. The handlers check the same (via <see cref="IncidentEditor"/>,
/// which asks here).</summary>
public sealed record IncidentRights(bool Manage, bool WorkOnActions, bool ResendNotices)
{
    /// <summary>What the user may do, read from the declarations on the commands themselves (the same ones
    /// <see cref="Common.Behaviours.AuthorizationBehaviour{TMessage, TResponse}"/> enforces), so the task list can never
    /// offer what the command would refuse.</summary>
    public static IncidentRights Of(ICurrentUser user) => new(
        Access.Allows<Triage.TriageIncidentCommand>(user),
        Access.Allows<Triage.AddActionCommand>(user),
        Access.Allows<Notifications.ResendNotificationCommand>(user));
}

/// <summary>The incident's tasks and their status: the one rule, read by the task list and each task's page.</summary>
public static class IncidentTasks
{
    public const string Triage = "triage";
    public const string Severity = "severity";
    public const string Decision = "decision";
    public const string Facts = "facts";
    public const string IcoReport = "ico-report";
    public const string PeopleAffected = "people-affected";
    public const string Actions = "actions";
    public const string Close = "close";

    public static IReadOnlyList<IncidentTask> For(IncidentDetails incident, IncidentRights rights)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(rights);
        var open = incident.Status != IncidentStatus.Closed;
        var manage = rights.Manage && open;
        var path = $"/incidents/{incident.Id}";
        var classified = incident.Triage.Classification is not null;
        var breach = incident.Triage.Classification == TriageClassification.PersonalDataBreach;
        var decision = incident.Decision;
        var tasks = new List<IncidentTask>
        {
            new(Triage, "Triage: classify and assign", $"{path}/triage", classified ? IncidentTaskStatus.Done : IncidentTaskStatus.NotStarted, manage),
            new(Severity, "Score the severity", $"{path}/severity",
                !classified ? IncidentTaskStatus.CannotStartYet : incident.Triage.Severity is null ? IncidentTaskStatus.NotStarted : IncidentTaskStatus.Done,
                manage, classified ? null : "Triage it first."),
            new(Decision, "Decide whether to report to the ICO", $"{path}/decision",
                decision is not null ? IncidentTaskStatus.Done : !classified ? IncidentTaskStatus.CannotStartYet : breach ? IncidentTaskStatus.NotStarted : IncidentTaskStatus.CannotStartYet,
                manage, decision is not null ? null : !classified ? "Triage it first." : breach ? null : "Only a personal data breach needs a decision."),
            IcoReportTask(incident, path, manage),
            PeopleAffectedTask(incident, path, manage),
            new(Actions, "Containment and remedial actions", $"{path}/actions",
                incident.Actions.Count == 0 ? IncidentTaskStatus.NotStarted : incident.Actions.Any(a => a.Open) ? IncidentTaskStatus.InProgress : IncidentTaskStatus.Done,
                rights.WorkOnActions && open,
                incident.Actions.Count == 0 ? null : $"{Count(incident.Actions.Count(a => a.Open), "action")} open of {incident.Actions.Count}."),
        };

        // The facts the ICO's breach form asks for, before the report to the ICO that uses them.
        if (FactsTask(incident, path, manage) is { } facts)
        {
            tasks.Insert(tasks.FindIndex(t => t.Key == IcoReport), facts);
        }

        // Closing needs a triage, and for a personal data breach a decision first (the domain refuses otherwise).
        var closeBlocked = !classified ? "Triage it first." : breach && decision is null ? "Decide on reporting first." : null;
        tasks.Add(new(Close, open ? "Close the incident" : "Reopen the incident", $"{path}/close",
            !open ? IncidentTaskStatus.Done : closeBlocked is not null ? IncidentTaskStatus.CannotStartYet : IncidentTaskStatus.NotStarted,
            rights.Manage, !open ? "Closed." : closeBlocked));
        return tasks;
    }

    /// <summary>"Facts the ICO asks for": done when the ICO summary has no gaps (<see cref="IcoRecordGaps"/>), in progress
    /// once any of the facts beyond the report is recorded. Shown for breaches and near misses alike (a near miss may
    /// turn out to be a breach). The "ICO summary" link beside the task list goes with it.</summary>
    public static IncidentTask? FactsTask(IncidentDetails incident, string path, bool manage)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var missing = incident.IcoAnswersMissing;
        var started = incident.Facts is { } f && (f.Happened is not null || f.HowDiscovered is not null || f.StaffRole is not null || f.LikelyConsequences is not null);
        var status = missing == 0 ? IncidentTaskStatus.Done : started ? IncidentTaskStatus.InProgress : IncidentTaskStatus.NotStarted;
        return new(Facts, "Facts the ICO asks for", $"{path}/facts", status, manage,
            missing == 0 ? "Nothing the ICO asks for is missing." : missing == 1 ? "1 answer still missing." : $"{missing} answers still missing.");
    }

    private static IncidentTask IcoReportTask(IncidentDetails incident, string path, bool manage)
    {
        var decision = incident.Decision;
        if (decision is null || !decision.Outcome.RequiresIco())
        {
            return new(IcoReport, "Report to the ICO", $"{path}/ico-report", IncidentTaskStatus.CannotStartYet, manage,
                decision is null ? "After a decision to report it." : "The decision is not to report it to the ICO.");
        }

        var status = incident.IcoDuty.State switch
        {
            IcoDutyState.FollowUpOwed => IncidentTaskStatus.InProgress,
            IcoDutyState.ReportedOnTime or IcoDutyState.ReportedLate => IncidentTaskStatus.Done,
            _ => IncidentTaskStatus.NotStarted,
        };
        return new(IcoReport, "Report to the ICO", $"{path}/ico-report", status, manage,
            status == IncidentTaskStatus.InProgress ? "A follow-up report is owed." : null);
    }

    private static IncidentTask PeopleAffectedTask(IncidentDetails incident, string path, bool manage)
    {
        const string name = "Tell the people affected (Article 34)";
        var decision = incident.Decision;
        if (incident.DataSubjectNotices.Count > 0)
        {
            return new(PeopleAffected, name, $"{path}/people-affected", IncidentTaskStatus.Done, manage);
        }

        if (decision is null)
        {
            return new(PeopleAffected, name, $"{path}/people-affected", IncidentTaskStatus.CannotStartYet, manage, "After the decision on reporting.");
        }

        // Once a breach is decided the task opens either way: to record telling them, or (Art. 34(3)) the exception relied
        // on for not telling them: the data was encrypted, the risk was mitigated, or it would take disproportionate effort.
        return decision.Outcome == DecisionOutcome.ReportToIcoAndDataSubjects
            ? new(PeopleAffected, name, $"{path}/people-affected", IncidentTaskStatus.NotStarted, manage)
            : new(PeopleAffected, name, $"{path}/people-affected", IncidentTaskStatus.NotStarted, manage,
                "The decision does not include telling them. Record the exception relied on, if any (Article 34(3)).");
    }

    /// <summary>"1 action", "3 actions", "no actions".</summary>
    public static string Count(int n, string noun) => n switch
    {
        0 => $"no {noun}s",
        1 => $"1 {noun}",
        _ => $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} {noun}s",
    };
}

public sealed class GetIncidentWorkspaceHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<GetIncidentWorkspaceQuery, IncidentWorkspace>
{
    public async ValueTask<IncidentWorkspace> Handle(GetIncidentWorkspaceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var incident = await new GetIncidentHandler(db, user, time).Handle(new GetIncidentQuery(query.Id), cancellationToken);
        var audit = await new GetAuditTrailHandler(db, user).Handle(new GetAuditTrailQuery(query.Id), cancellationToken);
        var rights = IncidentRights.Of(user);
        return new IncidentWorkspace(incident, rights, IncidentTasks.For(incident, rights),
            audit.Select(e => new AuditStep(e.At, e.ActorName, AuditWords.Describe(e.Action, e.Before, e.After), AuditWords.Changes(e.Before, e.After))).ToList(),
            incident.DataCategories.Any(c => DataCategory.All.FirstOrDefault(d => d.Code == c)?.IsChildrensData == true));
    }
}
