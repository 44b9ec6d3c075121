namespace Incidents.Domain.Incidents;

/// <summary>The facts' answers in words, for pages, the ICO summary and the API's summary.</summary>
public static class IcoFactsWords
{
    public static string Training(TrainingAnswer answer) => answer switch
    {
        TrainingAnswer.Yes => "Yes",
        TrainingAnswer.No => "No",
        TrainingAnswer.Unknown => "Not known",
        _ => answer.ToString(),
    };

    public static string Happened(HappenedAnswer answer) => answer switch
    {
        HappenedAnswer.Known => "At a known time",
        HappenedAnswer.Range => "Over a period",
        HappenedAnswer.Unknown => "Not known",
        _ => answer.ToString(),
    };

    public static string PeopleTold(PeopleToldAnswer answer) => answer switch
    {
        PeopleToldAnswer.Told => "They have been told",
        PeopleToldAnswer.WillBeTold => "They will be told",
        PeopleToldAnswer.WillNotBeTold => "They will not be told",
        _ => answer.ToString(),
    };

    public static string OrganisationKind(OrganisationToldKind kind) => kind switch
    {
        OrganisationToldKind.Police => "The police",
        OrganisationToldKind.OtherRegulator => "Another regulator",
        OrganisationToldKind.Counterparty => "The other party to the agreement",
        OrganisationToldKind.Insurer => "Our insurers",
        OrganisationToldKind.Other => "Another organisation",
        _ => kind.ToString(),
    };

    /// <summary>The exceptions of Article 34(3) UK GDPR, briefly.</summary>
    public static string Exception(NoticeException exception) => exception switch
    {
        NoticeException.DataUnintelligible => "The data cannot be read by anyone not allowed to see it, for example it was encrypted (Article 34(3)(a))",
        NoticeException.RiskNoLongerLikely => "What has been done since means the high risk to people is no longer likely (Article 34(3)(b))",
        NoticeException.DisproportionateEffortPublicNotice => "Telling each person would take disproportionate effort, so a public notice is used instead (Article 34(3)(c))",
        _ => exception.ToString(),
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
