using System.Globalization;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Incidents.Web.Forms;

namespace Incidents.Web.Pages.Incident;

/// <summary>The facts the ICO asks for, as typed in a form (the report form's reporter part, and the DPO's facts
/// page, which adds the rest). <see cref="Read"/> turns them into <see cref="IcoFacts"/>, with the errors only the
/// form can make (a date that is not a date, a number that is not a number); every other rule is the command's.</summary>
public sealed class FactsInput
{
    public string? Happened { get; set; }
    public string? FromDay { get; set; }
    public string? FromMonth { get; set; }
    public string? FromYear { get; set; }
    public string? FromTime { get; set; }
    public bool FromTimeUnknown { get; set; }
    public string? ToDay { get; set; }
    public string? ToMonth { get; set; }
    public string? ToYear { get; set; }
    public string? ToTime { get; set; }
    public bool ToTimeUnknown { get; set; }
    public string? HowDiscovered { get; set; }
    public string? StaffRole { get; set; }
    public string? StaffTraining { get; set; }
    public string? TrainedDay { get; set; }
    public string? TrainedMonth { get; set; }
    public string? TrainedYear { get; set; }
    public IList<string> PeopleCategories { get; set; } = [];
    public string? PeopleCategoriesOther { get; set; }
    public string? ApproximateRecords { get; set; }
    public string? LikelyConsequences { get; set; }
    public string? MeasuresBefore { get; set; }

    // The DPO's part.
    public IList<string> DataCategories { get; set; } = [];
    public string? ApproximateDataSubjects { get; set; }
    public IList<OrganisationInput> Orgs { get; set; } = [];
    public bool NoOtherOrganisationsTold { get; set; }
    public string? PeopleTold { get; set; }
    public string? PeopleToldDay { get; set; }
    public string? PeopleToldMonth { get; set; }
    public string? PeopleToldYear { get; set; }
    public string? PeopleNotToldException { get; set; }
    public string? PeopleNotToldReason { get; set; }
    public string? AdviceDay { get; set; }
    public string? AdviceMonth { get; set; }
    public string? AdviceYear { get; set; }
    public string? IcoAdvice { get; set; }
    public string? OutcomeDay { get; set; }
    public string? OutcomeMonth { get; set; }
    public string? OutcomeYear { get; set; }
    public string? IcoOutcome { get; set; }

    /// <summary>A command's field (or a domain rule's) → this form's key under <paramref name="prefix"/>.</summary>
    public static string KeyFor(string prefix, string property)
    {
        var name = (property ?? string.Empty).Split('[', '.')[0];
        var key = name.ToUpperInvariant() switch
        {
            "HAPPENED" => "Happened",
            "HAPPENEDFROM" => "FromDay",
            "HAPPENEDTO" => "ToDay",
            "HOWDISCOVERED" => "HowDiscovered",
            "STAFFROLE" => "StaffRole",
            "STAFFTRAINING" => "StaffTraining",
            "STAFFTRAINEDON" => "TrainedDay",
            "PEOPLECATEGORIES" => "PeopleCategories",
            "PEOPLECATEGORIESOTHER" => "PeopleCategoriesOther",
            "APPROXIMATERECORDS" => "ApproximateRecords",
            "LIKELYCONSEQUENCES" => "LikelyConsequences",
            "MEASURESBEFORE" => "MeasuresBefore",
            "DATACATEGORIES" => "DataCategories",
            "APPROXIMATEDATASUBJECTS" => "ApproximateDataSubjects",
            "ORGANISATIONSTOLD" or "NOOTHERORGANISATIONSTOLD" => "Orgs",
            "PEOPLETOLD" => "PeopleTold",
            "PEOPLETOLDON" => "PeopleToldDay",
            "PEOPLENOTTOLDEXCEPTION" or "PEOPLENOTTOLDREASON" => "PeopleNotToldReason",
            "ICOADVICEON" => "AdviceDay",
            "ICOADVICE" => "IcoAdvice",
            "ICOOUTCOMEON" => "OutcomeDay",
            "ICOOUTCOME" => "IcoOutcome",
            _ => null,
        };
        return key is null ? string.Empty : $"{prefix}.{key}";
    }

    /// <summary>The reporter's facts (the DPO's part is ignored), and the form's own errors by key.</summary>
    public IcoFacts ReadReported(string prefix, IDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var from = DateTime(FromDay, FromMonth, FromYear, FromTime, FromTimeUnknown, $"{prefix}.FromDay", "When it happened (or started)", errors);
        var to = DateTime(ToDay, ToMonth, ToYear, ToTime, ToTimeUnknown, $"{prefix}.ToDay", "When it ended", errors);
        return new IcoFacts(
            Enum<HappenedAnswer>(Happened),
            from,
            to,
            Text(HowDiscovered),
            Text(StaffRole),
            Enum<TrainingAnswer>(StaffTraining),
            Date(TrainedDay, TrainedMonth, TrainedYear, $"{prefix}.TrainedDay", "When they were trained", errors),
            PeopleCategories.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList(),
            Text(PeopleCategoriesOther),
            Number(ApproximateRecords, $"{prefix}.ApproximateRecords", "The number of records", errors),
            Text(LikelyConsequences),
            Text(MeasuresBefore),
            HappenedFromTimeUnknown: from is not null && FromTimeUnknown,
            HappenedToTimeUnknown: to is not null && ToTimeUnknown);
    }

    /// <summary>Every fact, the DPO's part too.</summary>
    public IcoFacts ReadAll(string prefix, IDictionary<string, string> errors)
    {
        var reported = ReadReported(prefix, errors);
        var told = new List<OrganisationTold>();
        for (var n = 0; n < Orgs.Count; n++)
        {
            var org = Orgs[n];
            if (string.IsNullOrWhiteSpace(org.Day) && string.IsNullOrWhiteSpace(org.Month) && string.IsNullOrWhiteSpace(org.Year) && string.IsNullOrWhiteSpace(org.Name))
            {
                continue;
            }

            if (Enum<OrganisationToldKind>(org.Kind) is not { } kind)
            {
                continue;
            }

            var reading = GovUkDate.ReadDate(org.Day, org.Month, org.Year, OrganisationToldWhen(kind));
            if (reading.Date is { } on)
            {
                told.Add(new OrganisationTold(kind, Text(org.Name), on));
            }
            else
            {
                errors.TryAdd(OrganisationKey(prefix, n), reading.Error ?? $"Enter {OrganisationToldWhen(kind).ToLowerInvariant()}, for example 27 3 2026");
            }
        }

        return reported with
        {
            OrganisationsTold = told,
            NoOtherOrganisationsTold = NoOtherOrganisationsTold,
            PeopleTold = Enum<PeopleToldAnswer>(PeopleTold),
            PeopleToldOn = Date(PeopleToldDay, PeopleToldMonth, PeopleToldYear, $"{prefix}.PeopleToldDay", "When they were or will be told", errors),
            PeopleNotToldException = Enum<NoticeException>(PeopleNotToldException),
            PeopleNotToldReason = Text(PeopleNotToldReason),
            IcoAdviceOn = Date(AdviceDay, AdviceMonth, AdviceYear, $"{prefix}.AdviceDay", "When the ICO gave advice", errors),
            IcoAdvice = Text(IcoAdvice),
            IcoOutcomeOn = Date(OutcomeDay, OutcomeMonth, OutcomeYear, $"{prefix}.OutcomeDay", "When the ICO closed the case", errors),
            IcoOutcome = Text(IcoOutcome),
        };
    }

    /// <summary>The form as the record stands.</summary>
    public static FactsInput From(IcoFacts f, IReadOnlyList<string> dataCategories, int? people)
    {
        ArgumentNullException.ThrowIfNull(f);
        var input = new FactsInput
        {
            Happened = f.Happened?.ToString(),
            HowDiscovered = f.HowDiscovered,
            StaffRole = f.StaffRole,
            StaffTraining = f.StaffTraining?.ToString(),
            PeopleCategories = f.PeopleCategories?.ToList() ?? [],
            PeopleCategoriesOther = f.PeopleCategoriesOther,
            ApproximateRecords = f.ApproximateRecords?.ToString(CultureInfo.InvariantCulture),
            LikelyConsequences = f.LikelyConsequences,
            MeasuresBefore = f.MeasuresBefore,
            DataCategories = dataCategories.ToList(),
            ApproximateDataSubjects = people?.ToString(CultureInfo.InvariantCulture),
            NoOtherOrganisationsTold = f.NoOtherOrganisationsTold,
            PeopleTold = f.PeopleTold?.ToString(),
            PeopleNotToldException = f.PeopleNotToldException?.ToString(),
            PeopleNotToldReason = f.PeopleNotToldReason,
            IcoAdvice = f.IcoAdvice,
            IcoOutcome = f.IcoOutcome,
        };
        (input.FromDay, input.FromMonth, input.FromYear, input.FromTime) = Parts(f.HappenedFrom, f.HappenedFromTimeUnknown);
        (input.ToDay, input.ToMonth, input.ToYear, input.ToTime) = Parts(f.HappenedTo, f.HappenedToTimeUnknown);
        (input.FromTimeUnknown, input.ToTimeUnknown) = (f.HappenedFromTimeUnknown, f.HappenedToTimeUnknown);
        (input.TrainedDay, input.TrainedMonth, input.TrainedYear) = Parts(f.StaffTrainedOn);
        (input.PeopleToldDay, input.PeopleToldMonth, input.PeopleToldYear) = Parts(f.PeopleToldOn);
        (input.AdviceDay, input.AdviceMonth, input.AdviceYear) = Parts(f.IcoAdviceOn);
        (input.OutcomeDay, input.OutcomeMonth, input.OutcomeYear) = Parts(f.IcoOutcomeOn);
        input.Orgs = System.Enum.GetValues<OrganisationToldKind>().Select(kind =>
        {
            var told = f.OrganisationsTold?.FirstOrDefault(o => o.Kind == kind);
            var (day, month, year) = Parts(told?.ToldOn);
            return new OrganisationInput { Kind = kind.ToString(), Name = told?.Name, Day = day, Month = month, Year = year };
        }).ToList();
        return input;
    }

    /// <summary>"When the police were told": the legend of a row's date, and the subject of its errors.</summary>
    public static string OrganisationToldWhen(OrganisationToldKind kind) => $"When {OrganisationToldWords(kind)}";

    /// <summary>"the police were told" (read after each date box's label: "Day the police were told").</summary>
    public static string OrganisationToldWords(OrganisationToldKind kind) =>
        $"{IcoFactsWords.OrganisationKind(kind).ToLowerInvariant()} {(kind is OrganisationToldKind.Insurer or OrganisationToldKind.Police ? "were" : "was")} told";

    /// <summary>The form key of row <paramref name="row"/>'s date (its day box, as the GOV.UK date input names it).</summary>
    public static string OrganisationKey(string prefix, int row) => $"{prefix}.Orgs[{row}].Day";

    /// <summary>One row per kind of organisation, keeping what was typed.</summary>
    public void EnsureOrganisationRows()
    {
        Orgs = System.Enum.GetValues<OrganisationToldKind>().Select(kind =>
            Orgs.FirstOrDefault(o => o.Kind == kind.ToString()) ?? new OrganisationInput { Kind = kind.ToString() }).ToList();
    }

    public int? ReadPeople(string key, IDictionary<string, string> errors) => Number(ApproximateDataSubjects, key, "The number of people", errors);

    private static (string?, string?, string?, string?) Parts(DateTimeOffset? instant, bool timeUnknown)
    {
        if (instant is not { } at)
        {
            return (null, null, null, null);
        }

        var local = LondonTime.ToLondon(at);
        return (local.Day.ToString(CultureInfo.InvariantCulture), local.Month.ToString(CultureInfo.InvariantCulture), local.Year.ToString(CultureInfo.InvariantCulture),
            timeUnknown ? null : local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    private static (string?, string?, string?) Parts(DateOnly? date) => date is { } d
        ? (d.Day.ToString(CultureInfo.InvariantCulture), d.Month.ToString(CultureInfo.InvariantCulture), d.Year.ToString(CultureInfo.InvariantCulture))
        : (null, null, null);

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static T? Enum<T>(string? value)
        where T : struct, Enum => System.Enum.TryParse<T>(value, out var parsed) && System.Enum.IsDefined(parsed) ? parsed : null;

    /// <summary>A date and a time that is given or explicitly unknown (<paramref name="timeUnknown"/>), never silently midnight.</summary>
    private static DateTimeOffset? DateTime(string? day, string? month, string? year, string? time, bool timeUnknown, string key, string what, IDictionary<string, string> errors)
    {
        var (value, error) = AppPageModel.ParseLondonDateTime(day, month, year, time, timeRequired: true, what, timeUnknown);
        if (error is not null)
        {
            errors.TryAdd(key, error);
        }

        return value;
    }

    private static DateOnly? Date(string? day, string? month, string? year, string key, string what, IDictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year))
        {
            return null;
        }

        if (AppPageModel.ParseDate(day, month, year) is { } date)
        {
            return date;
        }

        errors.TryAdd(key, $"{what} must be a real date, for example 27 3 2026.");
        return null;
    }

    private static int? Number(string? value, string key, string what, IDictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value.Trim().Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.TryAdd(key, $"{what} must be a whole number, for example 28.");
        return null;
    }
}

public sealed class OrganisationInput
{
    public string? Kind { get; set; }
    public string? Name { get; set; }
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }
}

/// <summary>GOV.UK date fields for the facts forms. Each label carries a visually hidden <see cref="Of"/> ("Day it
/// started") so that several dates on one page have different accessible names.</summary>
public sealed record FactsDateModel(string Prefix, string Legend, string? Hint, string Of, string? Day, string? Month, string? Year, string? Time, bool WithTime, string? Error)
{
    /// <summary>With a time: "I do not know the time" is ticked (the time is given or explicitly unknown).</summary>
    public bool TimeUnknown { get; init; }
}

/// <summary>The reporter's fields of <see cref="FactsInput"/> under a form prefix, with the page's errors.</summary>
public sealed record FactsFieldsModel(string Prefix, FactsInput Input, Func<string, string?> Error);
