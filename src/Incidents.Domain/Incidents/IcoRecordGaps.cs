namespace Incidents.Domain.Incidents;

/// <summary>One answer the ICO's breach report form asks for that the record does not have yet.</summary>
public sealed record IcoGap(string Field, string Section, string Question);

/// <summary>The one rule for which of the ICO form's answers the record still lacks (the ICO summary's "still
/// missing" list). The sections follow the ICO's form.</summary>
public static class IcoRecordGaps
{
    public const string AboutTheBreach = "About the breach";
    public const string PersonalData = "The personal data";
    public const string People = "The people affected";
    public const string Consequences = "The consequences";
    public const string Measures = "The measures";
    public const string WhoWasTold = "Who was told";
    public const string Timing = "Timing and lateness";

    public static IReadOnlyList<IcoGap> Of(Incident incident, IEnumerable<IcoFiling> filings)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var initial = (filings ?? []).Where(f => f.Phase == FilingPhase.Initial).OrderBy(f => f.SubmittedAt).FirstOrDefault();
        var gaps = new List<IcoGap>();
        void Need(bool missing, string field, string section, string question)
        {
            if (missing)
            {
                gaps.Add(new IcoGap(field, section, question));
            }
        }

        Need(string.IsNullOrWhiteSpace(incident.Description), "description", AboutTheBreach, "What happened");
        Need(incident.Happened is null, "happened", AboutTheBreach, "When the breach happened (or that it is not known)");
        Need(string.IsNullOrWhiteSpace(incident.HowDiscovered), "howDiscovered", AboutTheBreach, "How the breach was discovered");
        Need(string.IsNullOrWhiteSpace(incident.StaffRole), "staffRole", AboutTheBreach, "The role of the member of staff involved");
        Need(incident.StaffTraining is null, "staffTraining", AboutTheBreach, "Whether they had data protection training");
        Need(incident.StaffTraining == TrainingAnswer.Yes && incident.StaffTrainedOn is null, "staffTrainedOn", AboutTheBreach, "When they had data protection training");
        Need(incident.DataCategories.Count == 0, "dataCategories", PersonalData, "The categories of personal data involved");
        Need(incident.ApproximateRecords is null, "approximateRecords", PersonalData, "The approximate number of records involved");
        Need(incident.PeopleCategories.Count == 0, "peopleCategories", People, "The kinds of people affected");
        Need(incident.ApproximateDataSubjects is null, "approximateDataSubjects", People, "The approximate number of people affected");
        Need(string.IsNullOrWhiteSpace(incident.LikelyConsequences), "likelyConsequences", Consequences, "The likely consequences for the people affected");
        Need(string.IsNullOrWhiteSpace(incident.MeasuresBefore), "measuresBefore", Measures, "The measures in place before the breach");
        Need(string.IsNullOrWhiteSpace(incident.ContainmentActions), "containmentActions", Measures, "What has been done to contain it and reduce the harm");
        Need(incident.PeopleTold is null, "peopleTold", WhoWasTold, "Whether the people affected were told, or will be");
        Need(incident.OrganisationsTold.Count == 0 && !incident.NoOtherOrganisationsTold, "organisationsTold", WhoWasTold, "Which other organisations were told (or that none were)");
        Need(incident.Decision is null, "decision", Timing, "The decision whether to report to the ICO");
        Need(initial is not null && initial.IsLate(incident.IcoDeadline) && string.IsNullOrWhiteSpace(initial.LateReason), "lateReason", Timing, "Why the report to the ICO was late");
        return gaps;
    }
}
