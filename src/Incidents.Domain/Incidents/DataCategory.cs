namespace Incidents.Domain.Incidents;

/// <summary>A category of personal data involved in an incident (Art. 33(3)(a)).</summary>
public sealed record DataCategory(string Code, string Label, bool IsSpecialCategory, bool IsChildrensData)
{
    public static IReadOnlyList<DataCategory> All { get; } =
    [
        new("Names", "Names", false, false),
        new("ContactDetails", "Addresses, phone numbers or email addresses", false, false),
        new("DateOfBirth", "Dates of birth", false, false),
        new("Upn", "Unique pupil numbers (UPN)", false, true),
        new("PupilRecords", "Pupil records: attainment, attendance, exclusions", false, true),
        new("Sen", "Special educational needs and disabilities", false, true),
        new("FreeSchoolMeals", "Free school meals or pupil premium eligibility", false, true),
        new("Safeguarding", "Safeguarding or child protection information", false, true),
        new("Health", "Health information (special category)", true, false),
        new("EthnicityOrReligion", "Ethnicity or religion (special category)", true, false),
        new("Financial", "Bank or payment details", false, false),
        new("StaffRecords", "Staff records", false, false),
        new("CriminalOffence", "Criminal convictions or offences (Article 10)", false, false),
        new("Biometric", "Biometric data, such as fingerprints (special category)", true, false),
        new("Genetic", "Genetic data (special category)", true, false),
        new("SexualOrientation", "Sex life or sexual orientation (special category)", true, false),
        new("Political", "Political opinions (special category)", true, false),
        new("TradeUnion", "Trade union membership (special category)", true, false),
        new("ReligiousBeliefs", "Religious or philosophical beliefs (special category)", true, false),
        new("Other", "Other personal data", false, false),
    ];

    public static bool IsKnown(string? code) => code is not null && All.Any(c => c.Code == code);
}
