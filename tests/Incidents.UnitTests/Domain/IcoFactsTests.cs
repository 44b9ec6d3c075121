using Incidents.Domain.Common;
using Incidents.Domain.Incidents;

namespace Incidents.UnitTests.Domain;

/// <summary>The facts the ICO asks for: the rules that tie the answers together, recording them, and which answers
/// the ICO summary still lacks.</summary>
public sealed class IcoFactsTests
{
    private static readonly DateTimeOffset Discovered = new(2026, 6, 1, 7, 45, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Discovered.AddHours(20);

    private static Incident Breach(string description = "A class list went to one parent.") =>
        new(Guid.NewGuid(), "INC-2026-00001", IncidentKind.ConfidentialityBreach, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            "u", "Rita", Discovered, Discovered.AddHours(2), "Class list", description, ["Names", "Upn"], 28, "Deleted.");

    private static IReadOnlyList<string> Fields(IcoFacts facts) => facts.Check(Discovered, Now).Select(p => p.Field).ToList();

    [Fact]
    public void A_time_not_known_is_kept_as_the_start_of_the_london_day_and_only_days_are_compared()
    {
        // 23:30 UTC on 31 May is 00:30 BST on 1 June: the day is 1 June.
        var facts = new IcoFacts(HappenedAnswer.Range, new DateTimeOffset(2026, 5, 31, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.Zero),
            HappenedFromTimeUnknown: false, HappenedToTimeUnknown: true).Normalised();
        Assert.Equal(new DateTimeOffset(2026, 5, 31, 23, 0, 0, TimeSpan.Zero), facts.HappenedTo);
        Assert.True(facts.HappenedToTimeUnknown);

        // It ended on the day it started, time not known: not "before it started", as midnight would be.
        var sameDay = new IcoFacts(HappenedAnswer.Range, new DateTimeOffset(2026, 6, 1, 6, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero),
            HappenedToTimeUnknown: true);
        Assert.Empty(Fields(sameDay));
        Assert.Equal(["HappenedTo"], Fields(sameDay with { HappenedToTimeUnknown = false }));
        Assert.Equal(["HappenedTo"], Fields(sameDay with { HappenedTo = new DateTimeOffset(2026, 5, 30, 12, 0, 0, TimeSpan.Zero) }));

        // A flag without a date means nothing.
        Assert.False(new IcoFacts(HappenedFromTimeUnknown: true).Normalised().HappenedFromTimeUnknown);

        var incident = Breach();
        incident.RecordFacts(sameDay, ["Names"], 28, Now);
        Assert.True(incident.HappenedToTimeUnknown);
        Assert.Equal(new DateTimeOffset(2026, 5, 31, 23, 0, 0, TimeSpan.Zero), incident.HappenedTo);
        Assert.Equal("Monday 1 June 2026 (time not known)", LondonTime.Format(incident.HappenedTo!.Value, incident.HappenedToTimeUnknown));
    }

    [Fact]
    public void Nothing_answered_is_valid()
    {
        Assert.Empty(Fields(new IcoFacts()));
    }

    [Theory]
    [InlineData(HappenedAnswer.Known, false, false, "HappenedFrom")]
    [InlineData(HappenedAnswer.Known, true, true, "HappenedTo")]
    [InlineData(HappenedAnswer.Range, true, false, "HappenedTo")]
    [InlineData(HappenedAnswer.Range, false, true, "HappenedFrom")]
    [InlineData(HappenedAnswer.Unknown, true, false, "Happened")]
    public void When_it_happened_needs_dates_that_fit_the_answer(HappenedAnswer answer, bool from, bool to, string field)
    {
        var facts = new IcoFacts(answer, from ? Discovered.AddDays(-2) : null, to ? Discovered.AddDays(-1) : null);
        Assert.Equal([field], Fields(facts));
    }

    [Fact]
    public void A_period_ends_after_it_starts_and_nothing_happens_after_the_discovery()
    {
        Assert.Equal(["HappenedTo"], Fields(new IcoFacts(HappenedAnswer.Range, Discovered.AddDays(-1), Discovered.AddDays(-2))));
        Assert.Equal(["HappenedFrom"], Fields(new IcoFacts(HappenedAnswer.Known, Now.AddDays(1))));
        Assert.Empty(Fields(new IcoFacts(HappenedAnswer.Range, Discovered.AddDays(-2), Discovered.AddDays(-1))));
    }

    [Fact]
    public void The_people_told_or_not_need_a_date_or_a_reason()
    {
        Assert.Equal(["PeopleToldOn"], Fields(new IcoFacts(PeopleTold: PeopleToldAnswer.Told)));
        Assert.Equal(["PeopleToldOn"], Fields(new IcoFacts(PeopleTold: PeopleToldAnswer.WillBeTold)));
        Assert.Equal(["PeopleNotToldReason"], Fields(new IcoFacts(PeopleTold: PeopleToldAnswer.WillNotBeTold)));
        Assert.Empty(Fields(new IcoFacts(PeopleTold: PeopleToldAnswer.WillNotBeTold, PeopleNotToldException: NoticeException.DataUnintelligible)));
        Assert.Empty(Fields(new IcoFacts(PeopleTold: PeopleToldAnswer.WillBeTold, PeopleToldOn: new DateOnly(2026, 6, 10))));
    }

    [Fact]
    public void Other_organisations_need_a_name_when_not_obvious_and_cannot_be_none_and_some()
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        Assert.Equal(["OrganisationsTold[0].Name"], Fields(new IcoFacts(OrganisationsTold: [new(OrganisationToldKind.OtherRegulator, null, today)])));
        Assert.Empty(Fields(new IcoFacts(OrganisationsTold: [new(OrganisationToldKind.Police, null, today)])));
        Assert.Equal(["NoOtherOrganisationsTold"], Fields(new IcoFacts(OrganisationsTold: [new(OrganisationToldKind.Police, null, today)], NoOtherOrganisationsTold: true)));
        Assert.Equal(["OrganisationsTold[0].ToldOn"], Fields(new IcoFacts(OrganisationsTold: [new(OrganisationToldKind.Insurer, "Zurich", today.AddDays(5))])));
    }

    [Fact]
    public void Unknown_kinds_of_people_bad_counts_and_long_text_are_refused()
    {
        Assert.Equal(["PeopleCategories"], Fields(new IcoFacts(PeopleCategories: ["Aliens"])));
        Assert.Equal(["PeopleCategories"], Fields(new IcoFacts(PeopleCategories: ["Pupils"], PeopleCategoriesOther: "Visitors")));
        Assert.Equal(["ApproximateRecords"], Fields(new IcoFacts(ApproximateRecords: -1)));
        Assert.Equal(["StaffRole"], Fields(new IcoFacts(StaffRole: new string('x', 201))));
        Assert.Equal(["StaffTrainedOn"], Fields(new IcoFacts(StaffTraining: TrainingAnswer.No, StaffTrainedOn: new DateOnly(2026, 1, 1))));
        Assert.Equal(["IcoAdviceOn"], Fields(new IcoFacts(IcoAdvice: "Train staff.")));
    }

    [Fact]
    public void Recording_facts_moves_the_version_keeps_the_report_and_is_refused_when_closed_or_invalid()
    {
        var incident = Breach();
        incident.DescribeAtReport(new IcoFacts(HowDiscovered: "A parent rang."), Now);
        Assert.Equal(0, incident.Version);
        Assert.Equal("A parent rang.", incident.HowDiscovered);

        var ex = Assert.Throws<DomainException>(() => incident.RecordFacts(new IcoFacts(PeopleTold: PeopleToldAnswer.Told), ["Names"], 28, Now));
        Assert.Equal("PeopleToldOn", ex.Field);
        Assert.Equal(0, incident.Version);

        incident.RecordFacts(new IcoFacts(HowDiscovered: " Found in an audit. ", StaffRole: "Office manager"), ["Names", "Biometric"], 31, Now);
        Assert.Equal(1, incident.Version);
        Assert.Equal("Found in an audit.", incident.HowDiscovered);
        Assert.Equal(["Names", "Biometric"], incident.DataCategories);
        Assert.Equal(31, incident.ApproximateDataSubjects);
        Assert.Equal("A class list went to one parent.", incident.Description);
        Assert.Throws<DomainException>(() => incident.RecordFacts(new IcoFacts(), ["Nonsense"], null, Now));
    }

    [Fact]
    public void The_new_special_categories_are_data_categories_and_childrens_data_still_follows_from_the_categories()
    {
        foreach (var code in new[] { "CriminalOffence", "Biometric", "Genetic", "SexualOrientation", "Political", "TradeUnion", "ReligiousBeliefs" })
        {
            Assert.True(DataCategory.IsKnown(code), code);
            Assert.False(DataCategory.All.Single(c => c.Code == code).IsChildrensData);
        }

        Assert.True(DataCategory.All.Where(c => c.Code != "CriminalOffence" && c.Label.Contains("(special category)", StringComparison.Ordinal)).All(c => c.IsSpecialCategory));
    }

    [Fact]
    public void The_gaps_are_what_the_ico_asks_that_the_record_lacks_and_none_once_answered()
    {
        var incident = Breach();
        Assert.Equal(
            ["happened", "howDiscovered", "staffRole", "staffTraining", "approximateRecords", "peopleCategories", "likelyConsequences", "measuresBefore", "peopleTold", "organisationsTold", "decision"],
            IcoRecordGaps.Of(incident, []).Select(g => g.Field).ToList());

        incident.RecordFacts(new IcoFacts(HappenedAnswer.Unknown, HowDiscovered: "A parent rang.", StaffRole: "Teacher", StaffTraining: TrainingAnswer.Yes,
            PeopleCategories: ["Pupils"], ApproximateRecords: 28, LikelyConsequences: "Low.", MeasuresBefore: "None.", NoOtherOrganisationsTold: true,
            PeopleTold: PeopleToldAnswer.Told, PeopleToldOn: new DateOnly(2026, 6, 2)), ["Names"], 28, Now);
        // Trained, but not said when.
        Assert.Equal(["staffTrainedOn", "decision"], IcoRecordGaps.Of(incident, []).Select(g => g.Field).ToList());

        incident.Decide(true, true, false, DecisionOutcome.ReportToIco, "Risk to pupils.", "Dana", Now);
        var late = new IcoFiling(Guid.NewGuid(), incident.Id, Discovered.AddHours(80), "IC-1", FilingPhase.Initial, "n", "Pupils", 28, 28, "Dana", "Low.", "None.", null, "Dana", Now);
        Assert.Equal(["staffTrainedOn", "lateReason"], IcoRecordGaps.Of(incident, [late]).Select(g => g.Field).ToList());
    }
}
