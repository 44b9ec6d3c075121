using System.Text.Json;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
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
            audit.Select(e => new TimelineStep(e.Sequence, e.At, e.ActorName, AuditWords.Describe(e.Action, e.After), e.Hash)).ToList(),
            time.GetUtcNow(),
            user.DisplayName);
    }
}

/// <summary>What an audit step means, in a sentence. An action this does not know is shown by its name.</summary>
public static class AuditWords
{
    public static string Describe(string action, string? after)
    {
        JsonElement? a = null;
        if (!string.IsNullOrEmpty(after))
        {
            try
            {
                a = JsonDocument.Parse(after).RootElement.Clone();
            }
            catch (JsonException)
            {
            }
        }

        string Field(string name) => a is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : v.ToString()
            : string.Empty;

        return action switch
        {
            "Reported" => "Reported the incident.",
            "NotificationSent" => $"Notice ({Field("type")}) delivered to {Field("to")}.",
            "NotificationFailed" => $"Notice ({Field("type")}) to {Field("to")} could not be delivered: {Field("error")}",
            "IcoReminderSent" => $"Reminder of the ICO deadline sent ({Field("stage")}).",
            "Triaged" => $"Triaged as {Field("classification")}.",
            "Decided" => $"Decided: {Field("decision")}.",
            "IcoFilingRecorded" => $"Recorded the {Field("phase").ToLowerInvariant()} report to the ICO.",
            "DataSubjectNoticeRecorded" => Field("exception") is { Length: > 0 } exception
                ? $"Recorded why the people affected are not told: {exception}."
                : $"Recorded that {Field("peopleNotified")} people affected were told ({Field("method")}).",
            "ActionAdded" => $"Added a {Field("kind").ToLowerInvariant()} action: {Field("description")} (for {Field("assignedTo")}).",
            "ActionCompleted" => "Completed an action.",
            "AttachmentAdded" => $"Attached {Field("fileName")} ({Field("size")} bytes, SHA-256 {Field("sha256")}).",
            "Closed" => "Closed the incident.",
            "Reopened" => $"Reopened the incident: {Field("reason")}",
            _ => action,
        };
    }
}
