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

    public static string Format(DateTimeOffset instant)
    {
        var local = ToLondon(instant);
        var zoneName = Zone.IsDaylightSavingTime(local) ? "BST" : "GMT";
        return $"{local.ToString("dddd d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))} {zoneName}";
    }
}
