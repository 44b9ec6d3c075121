using FluentValidation;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Incidents;

/// <summary>SIL's DPO records or corrects what the ICO's breach form asks (every answer at once: one not sent is
/// cleared), and the data involved (<see cref="DataCategories"/> and <see cref="ApproximateDataSubjects"/> are kept
/// as they are when not sent).</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO or an administrator may record the facts the ICO asks for.")]
public sealed record RecordIcoFactsCommand(
    Guid IncidentId,
    int? Version,
    HappenedAnswer? Happened = null,
    DateTimeOffset? HappenedFrom = null,
    DateTimeOffset? HappenedTo = null,
    string? HowDiscovered = null,
    string? StaffRole = null,
    TrainingAnswer? StaffTraining = null,
    DateOnly? StaffTrainedOn = null,
    IReadOnlyList<string>? PeopleCategories = null,
    string? PeopleCategoriesOther = null,
    int? ApproximateRecords = null,
    string? LikelyConsequences = null,
    string? MeasuresBefore = null,
    IReadOnlyList<OrganisationTold>? OrganisationsTold = null,
    bool NoOtherOrganisationsTold = false,
    PeopleToldAnswer? PeopleTold = null,
    DateOnly? PeopleToldOn = null,
    NoticeException? PeopleNotToldException = null,
    string? PeopleNotToldReason = null,
    DateOnly? IcoAdviceOn = null,
    string? IcoAdvice = null,
    DateOnly? IcoOutcomeOn = null,
    string? IcoOutcome = null,
    IReadOnlyList<string>? DataCategories = null,
    int? ApproximateDataSubjects = null,
    // Only the day of HappenedFrom / HappenedTo is known ("I do not know the time"): kept as the start of that London day.
    bool HappenedFromTimeUnknown = false,
    bool HappenedToTimeUnknown = false) : IRequest<ChangeResult>
{
    public IcoFacts Facts() => new(Happened, HappenedFrom, HappenedTo, HowDiscovered, StaffRole, StaffTraining, StaffTrainedOn,
        PeopleCategories, PeopleCategoriesOther, ApproximateRecords, LikelyConsequences, MeasuresBefore, OrganisationsTold,
        NoOtherOrganisationsTold, PeopleTold, PeopleToldOn, PeopleNotToldException, PeopleNotToldReason, IcoAdviceOn, IcoAdvice,
        IcoOutcomeOn, IcoOutcome, HappenedFromTimeUnknown, HappenedToTimeUnknown);
}

public sealed class RecordIcoFactsValidator : AbstractValidator<RecordIcoFactsCommand>
{
    public RecordIcoFactsValidator(IIncidentsDb db, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version of the incident you are changing.");
        RuleFor(c => c.DataCategories)
            .Must(c => c is null || c.Count <= DataCategory.All.Count).WithMessage("Too many categories of data.");
        RuleForEach(c => c.DataCategories)
            .Must(DataCategory.IsKnown).WithMessage("Choose categories of data from the list.");
        RuleFor(c => c.ApproximateDataSubjects)
            .InclusiveBetween(0, ReportIncidentValidator.MaxDataSubjects).WithMessage("The number of people must be between 0 and 100,000,000.");
        RuleFor(c => c).CustomAsync(async (c, context, ct) =>
        {
            // "It happened before it was discovered" needs the discovery; an incident the caller may not see is the
            // handler's 404, so any discovery time does here.
            var discovered = await db.Incidents.AsNoTracking().Where(i => i.Id == c.IncidentId)
                .Select(i => (DateTimeOffset?)i.DiscoveredAt).FirstOrDefaultAsync(ct);
            var now = time.GetUtcNow();
            foreach (var (field, message) in c.Facts().Check(discovered ?? now, now))
            {
                context.AddFailure(field, message);
            }
        });
    }
}

public sealed class RecordIcoFactsHandler(IncidentEditor editor) : IRequestHandler<RecordIcoFactsCommand, ChangeResult>
{
    public async ValueTask<ChangeResult> Handle(RecordIcoFactsCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var version = await editor.ChangeAsync(c.IncidentId, c.Version!.Value, (incident, now) =>
        {
            var before = new { Facts = incident.Facts, DataCategories = incident.DataCategories.ToList(), incident.ApproximateDataSubjects };
            incident.RecordFacts(c.Facts(), c.DataCategories ?? incident.DataCategories.ToList(), c.DataCategories is null && c.ApproximateDataSubjects is null ? incident.ApproximateDataSubjects : c.ApproximateDataSubjects, now);
            var after = new { Facts = incident.Facts, incident.DataCategories, incident.ApproximateDataSubjects };
            return Task.FromResult(new IncidentEditor.Change("IcoFactsRecorded", before, after));
        }, cancellationToken);
        return new ChangeResult(c.IncidentId, version);
    }
}

/// <summary>Anyone who may see an incident adds a dated note or a corrected fact; the report itself is not changed.</summary>
[RequiresSignIn]
public sealed record AddIncidentUpdateCommand(Guid IncidentId, int? Version, string? About, string? Note) : IRequest<RecordedResult>;

public sealed class AddIncidentUpdateValidator : AbstractValidator<AddIncidentUpdateCommand>
{
    public AddIncidentUpdateValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version of the incident you are adding to.");
        RuleFor(c => c.Note).NotEmpty().WithMessage("Write the update.")
            .MaximumLength(IncidentUpdate.NoteMaxLength).WithMessage($"The update must be {IncidentUpdate.NoteMaxLength:N0} characters or fewer.");
        RuleFor(c => c.About).MaximumLength(IncidentUpdate.AboutMaxLength).WithMessage($"What it is about must be {IncidentUpdate.AboutMaxLength} characters or fewer.")
            .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("What it is about must be one line.");
    }
}

public sealed class AddIncidentUpdateHandler(IncidentEditor editor, IIncidentsDb db, ICurrentUser user) : IRequestHandler<AddIncidentUpdateCommand, RecordedResult>
{
    public async ValueTask<RecordedResult> Handle(AddIncidentUpdateCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var id = Guid.Empty;
        var version = await editor.ChangeAsync(c.IncidentId, c.Version!.Value, (incident, now) =>
        {
            var update = new IncidentUpdate(Guid.CreateVersion7(now), incident.Id, c.About, c.Note!, user.UserId, user.DisplayName, user.OrganisationId, now);
            db.Set<IncidentUpdate>().Add(update);
            incident.Touch();
            id = update.Id;
            return Task.FromResult(new IncidentEditor.Change("UpdateAdded", null, new { update.About, update.Note, update.WrittenBy, update.WrittenAt }));
        }, cancellationToken);
        return new RecordedResult(id, c.IncidentId, version);
    }
}

public sealed record IncidentUpdateView(Guid Id, string? About, string Note, string WrittenBy, DateTimeOffset WrittenAt);

/// <summary>The record laid out in the order of the ICO's breach report form, with the answers still missing.</summary>
[RequiresSignIn]
public sealed record GetIcoSummaryQuery(Guid Id) : IRequest<IcoSummary>;

public sealed record IcoSummary(Guid Id, string Reference, string Summary, DateTimeOffset PreparedAt, IReadOnlyList<IcoSummarySection> Sections,
    IReadOnlyList<IcoGap> Missing, IReadOnlyList<IncidentUpdateView> Updates);

public sealed record IcoSummarySection(string Title, IReadOnlyList<IcoSummaryAnswer> Answers);

/// <summary>One question of the ICO's form and the record's answer in words (null when the record has none yet).</summary>
public sealed record IcoSummaryAnswer(string Field, string Question, string? Answer);

public sealed class GetIcoSummaryHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<GetIcoSummaryQuery, IcoSummary>
{
    public async ValueTask<IcoSummary> Handle(GetIcoSummaryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var i = await db.Incidents.AsNoTracking().VisibleTo(user).SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("There is no incident with that id that you may see.");
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == i.ReportingOrganisationId || o.Id == i.CounterpartyOrganisationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var filings = await db.IcoFilings.AsNoTracking().Where(f => f.IncidentId == i.Id).OrderBy(f => f.SubmittedAt).ToListAsync(cancellationToken);
        var notices = await db.DataSubjectNotices.AsNoTracking().Where(n => n.IncidentId == i.Id).OrderBy(n => n.RecordedAt).ToListAsync(cancellationToken);
        var updates = await Updates(db, i.Id, cancellationToken);
        var now = time.GetUtcNow();
        var duty = IcoDuty.Of(i, filings, now);
        var initial = filings.FirstOrDefault(f => f.Phase == FilingPhase.Initial);
        var categories = i.DataCategories.Select(c => DataCategory.All.FirstOrDefault(d => d.Code == c)).OfType<DataCategory>().ToList();
        static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
        string Org(Guid id) => organisations.GetValueOrDefault(id, string.Empty);

        var happened = i.Happened switch
        {
            HappenedAnswer.Known when i.HappenedFrom is { } at => LondonTime.Format(at, i.HappenedFromTimeUnknown),
            HappenedAnswer.Range when i.HappenedFrom is { } from && i.HappenedTo is { } to =>
                $"Between {LondonTime.Format(from, i.HappenedFromTimeUnknown)} and {LondonTime.Format(to, i.HappenedToTimeUnknown)}",
            HappenedAnswer.Unknown => "Not known",
            _ => null,
        };
        var training = i.StaffTraining switch
        {
            TrainingAnswer.Yes => i.StaffTrainedOn is { } on ? $"Yes, on {IcoFactsWords.Date(on)}" : "Yes",
            { } answer => IcoFactsWords.Training(answer),
            null => null,
        };
        var people = i.PeopleCategories.Count == 0 ? null
            : string.Join(", ", i.PeopleCategories.Select(c => c == "Other" && i.PeopleCategoriesOther is { } other ? $"Other people: {other}" : PeopleCategory.Describe(c)));
        var peopleTold = i.PeopleTold switch
        {
            PeopleToldAnswer.Told => $"They were told on {IcoFactsWords.Date(i.PeopleToldOn!.Value)}",
            PeopleToldAnswer.WillBeTold => $"They will be told by {IcoFactsWords.Date(i.PeopleToldOn!.Value)}",
            PeopleToldAnswer.WillNotBeTold => "They will not be told: " + string.Join(". ",
                new[] { i.PeopleNotToldException is { } e ? IcoFactsWords.Exception(e) : null, i.PeopleNotToldReason }.OfType<string>()),
            _ => null,
        };
        var noticesText = notices.Count == 0 ? null : string.Join("; ", notices.Select(n => n.Exception is { } e
            ? $"Exception recorded: {IcoFactsWords.Exception(e)}"
            : $"Told {(n.NotifiedAt is { } at ? LondonTime.Format(at) : "")}{(n.PeopleNotified is { } count ? $", {count} people" : "")}"));
        var others = i.OrganisationsTold.Count > 0
            ? string.Join("; ", i.OrganisationsTold.Select(o => $"{(o.Kind == OrganisationToldKind.Counterparty ? Org(i.CounterpartyOrganisationId) : o.Name ?? IcoFactsWords.OrganisationKind(o.Kind))} ({IcoFactsWords.OrganisationKind(o.Kind).ToLowerInvariant()}), told on {IcoFactsWords.Date(o.ToldOn)}"))
            : i.NoOtherOrganisationsTold ? "No other organisation has been told" : null;

        var sections = new List<IcoSummarySection>
        {
            new(IcoRecordGaps.AboutTheBreach,
            [
                new("reference", "Our reference", i.Reference),
                new("kind", "Type of incident", i.Kind.Describe()),
                new("parties", "Organisations involved", $"{Org(i.ReportingOrganisationId)} (reported it) and {Org(i.CounterpartyOrganisationId)}, under their information sharing agreement"),
                new("description", "What happened", Text(string.IsNullOrWhiteSpace(i.Description) ? i.Summary : $"{i.Summary}\n\n{i.Description}")),
                new("happened", "When the breach happened", happened),
                new("discoveredAt", "When it was discovered", LondonTime.Format(i.DiscoveredAt, i.DiscoveredTimeUnknown)),
                new("howDiscovered", "How it was discovered", Text(i.HowDiscovered)),
                new("staffRole", "Role of the member of staff involved", Text(i.StaffRole)),
                new("staffTraining", "Had they had data protection training?", training),
            ]),
            new(IcoRecordGaps.PersonalData,
            [
                new("dataCategories", "Categories of personal data", categories.Count == 0 ? null : string.Join(", ", categories.Select(c => c.Label))),
                new("specialCategories", "Special category or criminal offence data", categories.Count == 0 ? null
                    : categories.Where(c => c.IsSpecialCategory || c.Code == "CriminalOffence").Select(c => c.Label).ToList() is { Count: > 0 } special ? string.Join(", ", special) : "None"),
                new("childrensData", "Children's data", categories.Count == 0 ? null : categories.Any(c => c.IsChildrensData) ? "Yes" : "No"),
                new("approximateRecords", "Approximate number of records", i.ApproximateRecords?.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))),
            ]),
            new(IcoRecordGaps.People,
            [
                new("peopleCategories", "Kinds of people affected", people),
                new("approximateDataSubjects", "Approximate number of people affected", i.ApproximateDataSubjects?.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))),
            ]),
            new(IcoRecordGaps.Consequences,
            [
                new("likelyConsequences", "Likely consequences for the people affected", Text(i.LikelyConsequences)),
                new("severity", "Severity (ENISA method)", i.SeverityAssessment is { } s ? $"{(s.Level == SeverityLevel.VeryHigh ? "Very high" : s.Level.ToString())} (score {s.Score:0.##})" : "Not assessed"),
            ]),
            new(IcoRecordGaps.Measures,
            [
                new("measuresBefore", "Measures in place before the breach", Text(i.MeasuresBefore)),
                new("containmentActions", "What has been done to contain it and reduce the harm", Text(i.ContainmentActions)),
            ]),
            new(IcoRecordGaps.WhoWasTold,
            [
                new("peopleTold", "Have the people affected been told?", peopleTold),
                new("dataSubjectNotices", "Telling them, as recorded", noticesText ?? "Nothing recorded"),
                new("organisationsTold", "Other organisations told", others),
                new("icoReport", "Report to the ICO", initial is null ? "Not yet reported" : $"Reported on {LondonTime.Format(initial.SubmittedAt)}, ICO case reference {initial.CaseReference}"),
                new("icoAdvice", "Advice from the ICO", i.IcoAdviceOn is { } adviceOn ? $"{IcoFactsWords.Date(adviceOn)}: {i.IcoAdvice}" : "None recorded"),
                new("icoOutcome", "The ICO's outcome", i.IcoOutcomeOn is { } outcomeOn ? $"{IcoFactsWords.Date(outcomeOn)}: {i.IcoOutcome}" : "None recorded"),
            ]),
            new(IcoRecordGaps.Timing,
            [
                new("awareAt", "When SIL became aware", LondonTime.Format(i.AwareAt) + (i.AwareAtReason is { } why ? $" (moved from the discovery: {why})" : "")),
                new("deadline", "72-hour deadline", duty.Deadline is { } deadline ? LondonTime.Format(deadline) : "Does not apply"),
                new("decision", "Decision", i.Decision is { } outcome ? $"{Describe(outcome)}, on {LondonTime.Format(i.DecidedAt ?? i.ReportedAt)}" : null),
                new("dutyState", "Where the duty stands", duty.State.Describe() + (duty.Countdown is { } countdown ? $" ({countdown})" : "")),
                new("lateReason", "Reasons for reporting late", duty.Late ? Text(initial?.LateReason) : "Not late"),
                new("followUp", "More information to follow", initial is null ? "Not yet reported" : initial.FollowUpExpected ? (filings.Any(f => f.Phase == FilingPhase.FollowUp) ? "Yes, and a follow-up has been sent" : "Yes, a follow-up is owed") : "No"),
            ]),
        };

        return new IcoSummary(i.Id, i.Reference, i.Summary, now, sections, IcoRecordGaps.Of(i, filings), updates);
    }

    public static string Describe(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.RecordOnly => "Record only: not reported to the ICO",
        DecisionOutcome.ReportToIco => "Report to the ICO",
        DecisionOutcome.ReportToIcoAndDataSubjects => "Report to the ICO and tell the people affected",
        _ => outcome.ToString(),
    };

    public static async Task<IReadOnlyList<IncidentUpdateView>> Updates(IIncidentsDb db, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.Set<IncidentUpdate>().AsNoTracking().Where(u => u.IncidentId == incidentId).ToListAsync(cancellationToken);
        return rows.OrderBy(u => u.WrittenAt).Select(u => new IncidentUpdateView(u.Id, u.About, u.Note, u.WrittenBy, u.WrittenAt)).ToList();
    }
}
