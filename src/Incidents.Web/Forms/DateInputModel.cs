namespace Incidents.Web.Forms;

/// <summary>The model of the one GOV.UK date input (<c>Shared/_GovUkDate</c>): boxes named <c>{Prefix}Day</c>,
/// <c>{Prefix}Month</c>, <c>{Prefix}Year</c>, optionally <c>{Prefix}Time</c> and the "I do not know the time" checkbox
/// <c>{Prefix}TimeUnknown</c>. <paramref name="Of"/> is read to screen readers after each box's label ("Day of when it
/// happened"). The error, shown once, marks only the boxes that are wrong (<see cref="GovUkDate.Highlight"/>).</summary>
public sealed record DateInputModel(string Prefix, string Legend, string? Hint, string? Day, string? Month, string? Year, string? Error)
{
    public string? Of { get; init; }

    /// <summary>The legend's GOV.UK size: "s" (a question among others) or "m".</summary>
    public string LegendSize { get; init; } = "s";

    public bool WithTime { get; init; }

    public string? Time { get; init; }

    /// <summary>The time is optional: "(optional)" after its label.</summary>
    public bool TimeOptional { get; init; }

    /// <summary>Offer "I do not know the time" (the time is then given or explicitly unknown).</summary>
    public bool OffersUnknownTime { get; init; }

    public bool TimeUnknown { get; init; }

    public DateParts Wrong => GovUkDate.Highlight(Error, Day, Month, Year, Time, WithTime, timeRequired: WithTime && !TimeOptional && !TimeUnknown);
}
