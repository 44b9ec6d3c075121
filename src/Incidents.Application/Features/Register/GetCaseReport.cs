using System.Text.Json;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Common.Words;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Mediator;

namespace Incidents.Application.Features.Register;

/// <summary>The printable case report of one incident: the record as the incident page shows it, and every audit step in
/// words. 404 for an incident the caller may not see (the same handlers, so the same rule).</summary>
[RequiresSignIn]
public sealed record GetCaseReportQuery(Guid Id) : IRequest<CaseReport>;

public sealed record CaseReport(IncidentDetails Incident, IReadOnlyList<TimelineStep> Timeline, DateTimeOffset PreparedAt, string PreparedBy);

/// <summary>One step of the audit trail, said in words, with its hash so a reader can check it against the chain.</summary>
public sealed record TimelineStep(long Sequence, DateTimeOffset At, string Who, string What, string Hash);

public sealed class GetCaseReportHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<GetCaseReportQuery, CaseReport>
{
    public async ValueTask<CaseReport> Handle(GetCaseReportQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var incident = await new GetIncidentHandler(db, user, time).Handle(new GetIncidentQuery(query.Id), cancellationToken);
        var audit = await new GetAuditTrailHandler(db, user).Handle(new GetAuditTrailQuery(query.Id), cancellationToken);
        return new CaseReport(
            incident,
            audit.Select(e => new TimelineStep(e.Sequence, e.At, e.ActorName, AuditWords.Describe(e.Action, e.Before, e.After), e.Hash)).ToList(),
            time.GetUtcNow(),
            user.DisplayName);
    }
}

/// <summary>What an audit step means, in a sentence, and what it changed (before → after) in words. Enum names stored
/// in the entry's JSON read through the one vocabulary (<see cref="Words"/>); an action this does not know reads as
/// "Changed the record.", never by its name.</summary>
public static class AuditWords
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["status"] = "Status",
        ["classification"] = "Classification",
        ["awareAt"] = "When SIL became aware",
        ["awareAtReason"] = "Reason for the change of awareness",
        ["icoDeadline"] = "ICO deadline",
        ["assignee"] = "Assigned to",
        ["severity"] = "Severity",
        ["severityScore"] = "Severity score",
        ["decision"] = "Decision",
        ["decisionPersonalData"] = "Personal data of living people",
        ["decisionRiskLikely"] = "Risk to people likely",
        ["decisionHighRisk"] = "High risk",
        ["decisionRationale"] = "Reasons",
        ["lessonsLearned"] = "Lessons learned",
        ["open"] = "Open",
        ["completionNote"] = "Note",
        ["closureNote"] = "Closure note",
        ["reason"] = "Reason",
    };

    /// <summary>The audit actions written today (identifiers, never shown: a browser test scans pages for them).</summary>
    public static IReadOnlyList<string> Actions { get; } =
    [
        "Reported", "NotificationSent", "NotificationFailed", "NotificationResent", "IcoReminderSent", "Triaged", "Decided", "IcoFilingRecorded",
        "DataSubjectNoticeRecorded", "ActionAdded", "ActionCompleted", "AttachmentAdded", "Closed", "Reopened", "AgreementCreated", "AgreementUpdated",
        "AgreementSuspended", "SuspensionRenewed", "SuspensionLifted", "SuspensionReminderSent", "AgreementReinstated", "ContactUpdated",
    ];

    public static string Describe(string action, string? after) => Describe(action, null, after);

    public static string Describe(string action, string? before, string? after)
    {
        var a = Parse(after);
        string Field(string name) => Value(a, name) is { } v ? Word(v) : string.Empty;

        return action switch
        {
            "Reported" => "Reported the incident.",
            "NotificationSent" => $"Notice ({Field("type")}) delivered to {Field("to")}.",
            "NotificationFailed" => $"Notice ({Field("type")}) to {Field("to")} could not be delivered: {Field("error")}",
            "NotificationResent" => $"Corrected and resent a notice to {Field("to")}.",
            "IcoReminderSent" => $"Reminder of the ICO deadline sent ({Field("stage")}).",
            "Triaged" => $"Triaged as {Field("classification").ToLowerInvariant()}.",
            "Decided" => $"Decided: {Field("decision")}.",
            "IcoFilingRecorded" => $"Recorded the {Field("phase").ToLowerInvariant()} report to the ICO.",
            "DataSubjectNoticeRecorded" => Field("exception") is { Length: > 0 } exception
                ? $"Recorded why the people affected are not told: {exception}."
                : $"Recorded that {Field("peopleNotified")} people affected were told ({Field("method").ToLowerInvariant()}).",
            "ActionAdded" => $"Added a {Field("kind").ToLowerInvariant()} action: {Field("description")} (for {Field("assignedTo")}).",
            "ActionCompleted" => "Completed an action.",
            "AttachmentAdded" => $"Attached {Field("fileName")} ({Field("size")} bytes, SHA-256 {Field("sha256")}).",
            "Closed" => "Closed the incident.",
            "Reopened" => $"Reopened the incident: {Field("reason")}",
            "NoticeTemplateSaved" or "NoticeTemplateEdited" => "Saved a new version of a notice template.",
            _ => "Changed the record.",
        };
    }

    /// <summary>What changed, field by field, where the entry holds both sides: "Classification: not recorded → Personal
    /// data breach". Fields that did not change, and ids, are left out.</summary>
    public static IReadOnlyList<string> Changes(string? before, string? after)
    {
        var b = Parse(before);
        var a = Parse(after);
        if (b is not { ValueKind: JsonValueKind.Object } || a is not { ValueKind: JsonValueKind.Object } afterObject)
        {
            return [];
        }

        var changes = new List<string>();
        foreach (var property in afterObject.EnumerateObject())
        {
            if (!Labels.TryGetValue(property.Name, out var label))
            {
                continue;
            }

            var was = Value(b, property.Name);
            var now = Value(a, property.Name);
            if (string.Equals(was, now, StringComparison.Ordinal))
            {
                continue;
            }

            changes.Add($"{label}: {(was is null ? "not recorded" : Word(was))} → {(now is null ? "not recorded" : Word(now))}");
        }

        return changes;
    }

    private static JsonElement? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Value(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => v.ToString(),
            }
            : null;

    /// <summary>A stored value as a person reads it: an enum name in words, an instant in London time, yes or no.</summary>
    private static string Word(string value)
    {
        if (Words.OfName(value) is { } words)
        {
            return words;
        }

        if (value is "true" or "false")
        {
            return value == "true" ? "Yes" : "No";
        }

        if (value.Length >= 19 && value[4] == '-' && value[10] == 'T'
            && DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var instant))
        {
            return Domain.Common.LondonTime.Format(instant);
        }

        return value;
    }
}
