using Incidents.Domain.Common;

namespace Incidents.Domain.Incidents;

/// <summary>Whether it is known when the breach happened: at a moment, over a period, or not known.</summary>
public enum HappenedAnswer
{
    Known,
    Range,
    Unknown,
}

/// <summary>Whether the member of staff involved had data protection training.</summary>
public enum TrainingAnswer
{
    Yes,
    No,
    Unknown,
}

/// <summary>Whether the people affected were told (Art. 34).</summary>
public enum PeopleToldAnswer
{
    Told,
    WillBeTold,
    WillNotBeTold,
}

/// <summary>Another organisation told of the breach.</summary>
public enum OrganisationToldKind
{
    Police,
    OtherRegulator,
    Counterparty,
    Insurer,
    Other,
}

/// <summary>An organisation told of the breach, and when.</summary>
public sealed record OrganisationTold(OrganisationToldKind Kind, string? Name, DateOnly ToldOn);

/// <summary>The kinds of people whose data is involved (the ICO form's "categories of data subjects").</summary>
public static class PeopleCategory
{
    public static IReadOnlyList<(string Code, string Label)> All { get; } =
    [
        ("Pupils", "Pupils"),
        ("ParentsCarers", "Parents or carers"),
        ("Staff", "Staff"),
        ("Governors", "Governors"),
        ("Other", "Other people"),
    ];

    public static bool IsKnown(string? code) => code is not null && All.Any(c => c.Code == code);

    public static string Describe(string code) => All.FirstOrDefault(c => c.Code == code).Label ?? code;
}

/// <summary>
/// What the ICO's breach report form asks about an incident beyond the report itself: when it happened, how it was
/// found, the staff involved and their training, whose data and how much, the likely consequences, the measures in
/// place before, who else was told, whether the people affected were told, and the ICO's advice and outcome.
/// <see cref="Check"/> is the one home of the rules that tie these answers together.
/// </summary>
public sealed record IcoFacts(
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
    bool HappenedFromTimeUnknown = false,
    bool HappenedToTimeUnknown = false)
{
    public const int TextMaxLength = 10_000;
    public const int ShortTextMaxLength = 200;
    public const int MaxRecords = 1_000_000_000;

    /// <summary>A date whose time is not known is kept as the start of its London day (<see cref="LondonTime.StartOfDay"/>).</summary>
    public IcoFacts Normalised() => this with
    {
        HappenedFromTimeUnknown = HappenedFromTimeUnknown && HappenedFrom is not null,
        HappenedToTimeUnknown = HappenedToTimeUnknown && HappenedTo is not null,
        HappenedFrom = HappenedFrom is { } from ? LondonTime.AsGiven(from, HappenedFromTimeUnknown) : null,
        HappenedTo = HappenedTo is { } to ? LondonTime.AsGiven(to, HappenedToTimeUnknown) : null,
    };

    /// <summary>The end is before the start; when either time is not known, only the days are compared.</summary>
    private bool EndsBeforeStart(DateTimeOffset from, DateTimeOffset to) => HappenedFromTimeUnknown || HappenedToTimeUnknown
        ? LondonTime.DateOf(to) < LondonTime.DateOf(from)
        : to < from;

    /// <summary>What is wrong with these answers for an incident discovered at <paramref name="discoveredAt"/>, each
    /// with the field it belongs to (the API's names). Empty when they may be recorded.</summary>
    public IReadOnlyList<(string Field, string Message)> Check(DateTimeOffset discoveredAt, DateTimeOffset now) => Normalised().CheckNormalised(discoveredAt, now);

    private List<(string Field, string Message)> CheckNormalised(DateTimeOffset discoveredAt, DateTimeOffset now)
    {
        var problems = new List<(string, string)>();
        // Forms give minutes, and the discovery may have been typed to the minute too.
        // (A discovery time near the end of the calendar is refused by its own rule; it must not overflow here.)
        var later = discoveredAt > now ? discoveredAt : now;
        var latest = later > DateTimeOffset.MaxValue - TimeSpan.FromMinutes(5) ? DateTimeOffset.MaxValue : later + TimeSpan.FromMinutes(5);
        switch (Happened)
        {
            case HappenedAnswer.Known:
                if (HappenedFrom is null)
                {
                    problems.Add((nameof(HappenedFrom), "Enter when it happened."));
                }

                if (HappenedTo is not null)
                {
                    problems.Add((nameof(HappenedTo), "Leave the end empty when it happened at one time, or say it happened over a period."));
                }

                break;
            case HappenedAnswer.Range:
                if (HappenedFrom is null)
                {
                    problems.Add((nameof(HappenedFrom), "Enter when it started."));
                }

                if (HappenedTo is null)
                {
                    problems.Add((nameof(HappenedTo), "Enter when it ended."));
                }
                else if (HappenedFrom is { } from && HappenedTo is { } to && EndsBeforeStart(from, to))
                {
                    problems.Add((nameof(HappenedTo), "When it ended must be after it started."));
                }

                break;
            case HappenedAnswer.Unknown:
                if (HappenedFrom is not null || HappenedTo is not null)
                {
                    problems.Add((nameof(Happened), "You said it is not known when it happened: leave the dates empty, or say when it happened."));
                }

                break;
            case null:
                if (HappenedFrom is not null || HappenedTo is not null)
                {
                    problems.Add((nameof(Happened), "Say whether it happened at one time or over a period."));
                }

                break;
            default:
                problems.Add((nameof(Happened), "Choose when it happened from the list."));
                break;
        }

        if (HappenedFrom is { } start && start > latest)
        {
            problems.Add((nameof(HappenedFrom), "It cannot have happened after it was discovered."));
        }

        if (HappenedFrom is { } early && early.Year < 2000)
        {
            problems.Add((nameof(HappenedFrom), "Enter a date after 1 January 2000."));
        }

        void Longest(string? value, int max, string field, string what)
        {
            if (value is not null && value.Length > max)
            {
                problems.Add((field, $"{what} must be {max:N0} characters or fewer."));
            }
        }

        Longest(HowDiscovered, TextMaxLength, nameof(HowDiscovered), "How it was discovered");
        Longest(StaffRole, ShortTextMaxLength, nameof(StaffRole), "The role of the member of staff");
        Longest(PeopleCategoriesOther, ShortTextMaxLength, nameof(PeopleCategoriesOther), "The other people affected");
        Longest(LikelyConsequences, TextMaxLength, nameof(LikelyConsequences), "The likely consequences");
        Longest(MeasuresBefore, TextMaxLength, nameof(MeasuresBefore), "The measures in place before");
        Longest(PeopleNotToldReason, TextMaxLength, nameof(PeopleNotToldReason), "Why they will not be told");
        Longest(IcoAdvice, TextMaxLength, nameof(IcoAdvice), "The ICO's advice");
        Longest(IcoOutcome, TextMaxLength, nameof(IcoOutcome), "The ICO's outcome");
        if (StaffRole is not null && StaffRole.Any(char.IsControl))
        {
            problems.Add((nameof(StaffRole), "The role of the member of staff must be one line."));
        }

        if (StaffTraining is { } training && !Enum.IsDefined(training))
        {
            problems.Add((nameof(StaffTraining), "Choose whether they had training from the list."));
        }

        if (OrganisationsTold is { Count: > 10 })
        {
            problems.Add((nameof(OrganisationsTold), "List at most 10 organisations."));
        }

        if (StaffTraining is not (null or TrainingAnswer.Yes) && StaffTrainedOn is not null)
        {
            problems.Add((nameof(StaffTrainedOn), "Give a training date only when they had data protection training."));
        }

        if (StaffTrainedOn is { } trained && trained > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)))
        {
            problems.Add((nameof(StaffTrainedOn), "The training date must be in the past."));
        }

        if (PeopleCategories is { } categories && categories.Any(c => !PeopleCategory.IsKnown(c)))
        {
            problems.Add((nameof(PeopleCategories), "Choose the kinds of people from the list."));
        }

        if (!string.IsNullOrWhiteSpace(PeopleCategoriesOther) && !(PeopleCategories?.Contains("Other") ?? false))
        {
            problems.Add((nameof(PeopleCategories), "Choose \"Other people\" when you describe other people affected."));
        }

        if (ApproximateRecords is < 0 or > MaxRecords)
        {
            problems.Add((nameof(ApproximateRecords), "The number of records must be between 0 and 1,000,000,000."));
        }

        var told = OrganisationsTold ?? [];
        for (var n = 0; n < told.Count; n++)
        {
            if (!Enum.IsDefined(told[n].Kind))
            {
                problems.Add(($"{nameof(OrganisationsTold)}[{n}].Kind", "Choose who was told from the list."));
            }
            else if (told[n].Kind is OrganisationToldKind.Other or OrganisationToldKind.OtherRegulator && string.IsNullOrWhiteSpace(told[n].Name))
            {
                problems.Add(($"{nameof(OrganisationsTold)}[{n}].Name", "Name the organisation that was told."));
            }
            else if (told[n].Name is { Length: > ShortTextMaxLength })
            {
                problems.Add(($"{nameof(OrganisationsTold)}[{n}].Name", $"The organisation's name must be {ShortTextMaxLength} characters or fewer."));
            }

            if (told[n].ToldOn.Year < 2000 || told[n].ToldOn > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)))
            {
                problems.Add(($"{nameof(OrganisationsTold)}[{n}].ToldOn", "When they were told must be a date in the past."));
            }
        }

        if (NoOtherOrganisationsTold && told.Count > 0)
        {
            problems.Add((nameof(NoOtherOrganisationsTold), "You listed organisations that were told: do not also say nobody else was told."));
        }

        switch (PeopleTold)
        {
            case PeopleToldAnswer.Told when PeopleToldOn is null:
                problems.Add((nameof(PeopleToldOn), "Enter when the people affected were told."));
                break;
            case PeopleToldAnswer.WillBeTold when PeopleToldOn is null:
                problems.Add((nameof(PeopleToldOn), "Enter when the people affected will be told."));
                break;
            case PeopleToldAnswer.WillNotBeTold when PeopleNotToldException is null && string.IsNullOrWhiteSpace(PeopleNotToldReason):
                problems.Add((nameof(PeopleNotToldReason), "Give the exception relied on (Article 34(3)) or why the risk to them does not call for telling them."));
                break;
            case null when PeopleToldOn is not null:
                problems.Add((nameof(PeopleTold), "Say whether the people affected were told or will be told."));
                break;
            default:
                break;
        }

        if (PeopleTold is { } answer && !Enum.IsDefined(answer))
        {
            problems.Add((nameof(PeopleTold), "Choose whether the people affected were told from the list."));
        }

        if (PeopleNotToldException is { } exception && !Enum.IsDefined(exception))
        {
            problems.Add((nameof(PeopleNotToldException), "Choose the exception from the list."));
        }

        if (!string.IsNullOrWhiteSpace(IcoAdvice) && IcoAdviceOn is null)
        {
            problems.Add((nameof(IcoAdviceOn), "Enter when the ICO gave its advice."));
        }

        if (!string.IsNullOrWhiteSpace(IcoOutcome) && IcoOutcomeOn is null)
        {
            problems.Add((nameof(IcoOutcomeOn), "Enter when the ICO closed the case."));
        }

        return problems;
    }
}
