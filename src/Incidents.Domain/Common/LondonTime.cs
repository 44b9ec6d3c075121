namespace Incidents.Domain.Common;

/// <summary>
/// The product's civil calendar. Deadlines are computed in Europe/London and stored in UTC.
/// </summary>
public static class LondonTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateTimeOffset ToLondon(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Reads a wall-clock time in London as an instant. A time that does not exist (the hour skipped in
    /// March) is moved forward by the gap; an ambiguous time (the hour repeated in October) is the first one.</summary>
    public static DateTimeOffset FromLondonWallClock(DateTime wallClock)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = Zone.IsAmbiguousTime(local)
            ? Zone.GetAmbiguousTimeOffsets(local).Max()
            : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>The start of the London day <paramref name="instant"/> falls on (what a date whose time is not known is
    /// kept as).</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset instant) => FromLondonWallClock(ToLondon(instant).Date);

    /// <summary>An instant as it is kept: in UTC, or with <paramref name="timeUnknown"/> the start of its London day (a
    /// day whose time is not known is never a made-up time). Instants before year 2 are returned as they are, so a
    /// validator can refuse them without an overflow.</summary>
    public static DateTimeOffset AsGiven(DateTimeOffset instant, bool timeUnknown) =>
        timeUnknown && instant.UtcDateTime.Year > 1 ? StartOfDay(instant) : instant.ToUniversalTime();

    /// <summary>The London calendar date of <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLondon(instant).DateTime);

    /// <summary>"Tuesday 3 March 2026, 14:30 GMT", or with <paramref name="timeUnknown"/> the day alone: "Tuesday 3 March
    /// 2026 (time not known)", never a made-up midnight.</summary>
    public static string Format(DateTimeOffset instant, bool timeUnknown) => timeUnknown ? $"{FormatDay(instant)} (time not known)" : Format(instant);

    /// <summary>The London day alone: "Tuesday 3 March 2026" (where a sentence says "on …" and the time is not known).</summary>
    public static string FormatDay(DateTimeOffset instant) =>
        ToLondon(instant).ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    public static string Format(DateTimeOffset instant)
    {
        var local = ToLondon(instant);
        var zoneName = Zone.IsDaylightSavingTime(local) ? "BST" : "GMT";
        return $"{local.ToString("dddd d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))} {zoneName}";
    }
}
