using System.Globalization;
using Incidents.Domain.Common;

namespace Incidents.Web.Forms;

/// <summary>A box of a GOV.UK date input.</summary>
[Flags]
public enum DateParts
{
    None = 0,
    Day = 1,
    Month = 2,
    Year = 4,
    Time = 8,
    Date = Day | Month | Year,
}

/// <summary>What a GOV.UK date input said: the date (and time) it holds, or the one error to show and the boxes that
/// are wrong (only those get <c>govuk-input--error</c>). Nothing typed is neither a value nor an error: whether a date is
/// needed is the command's rule.</summary>
public sealed record DateReading(DateOnly? Date, TimeOnly? Time, string? Error, DateParts Wrong)
{
    public bool Empty => Date is null && Error is null;
}

/// <summary>The one reader of the GOV.UK date pattern (https://design-system.service.gov.uk/components/date-input/):
/// day, month and year boxes, a month as a number, a name or an abbreviation ("3", "March", "mar", "Sept"), the
/// pattern's own error messages ("… must include a month", "Year must include 4 numbers", "… must be a real date"), and
/// an optional 24-hour time that is either given or, where the form offers it, explicitly "I do not know the time"
/// (never silently midnight).</summary>
public static class GovUkDate
{
    public const string TimeExample = "Enter a time, for example 14:30";

    public const string UnknownTimeLabel = "I do not know the time";

    /// <summary>How an error about a time that was offered (the time the form was opened) but left on another day starts.</summary>
    public const string CheckTimePrefix = "Check the time";

    /// <summary>The value of a form's hidden "offered" field: the London date and time it prefilled ("2026-12-02T10:57").</summary>
    public static string Offer(DateTimeOffset londonNow) => londonNow.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A form that offers now (today and this minute) must not keep that time on a day the user changed to: the
    /// error when the date differs from the offered one but the time is still the offered one; else null.</summary>
    public static string? OfferedTimeOnAnotherDay(DateReading reading, bool timeUnknown, string? offered)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (timeUnknown || reading is not { Date: { } date, Time: { } time }
            || !DateTime.TryParseExact(offered, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || DateOnly.FromDateTime(at) == date || TimeOnly.FromDateTime(at) != time)
        {
            return null;
        }

        return $"{CheckTimePrefix}: {time.ToString("HH:mm", CultureInfo.InvariantCulture)} was the time when the form was opened. Enter the time on {date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}, or select ‘{UnknownTimeLabel}’";
    }

    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>A month typed as a number (1–12), a name or an abbreviation of at least three letters ("sept" too).</summary>
    public static int? Month(string? text)
    {
        var value = (text ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();
        if (value.Length == 0)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number is >= 1 and <= 12 ? number : null;
        }

        if (value.Length < 3)
        {
            return null;
        }

        for (var i = 0; i < Months.Length; i++)
        {
            if (Months[i].StartsWith(value, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>Reads day, month and year. <paramref name="what"/> names the date in a sentence ("When it was discovered").</summary>
    public static DateReading ReadDate(string? day, string? month, string? year, string what)
    {
        var (d, m, y) = (Clean(day), Clean(month), Clean(year));
        if (d.Length == 0 && m.Length == 0 && y.Length == 0)
        {
            return new DateReading(null, null, null, DateParts.None);
        }

        var missing = (d.Length == 0 ? DateParts.Day : 0) | (m.Length == 0 ? DateParts.Month : 0) | (y.Length == 0 ? DateParts.Year : 0);
        if (missing != DateParts.None)
        {
            var names = new[] { (DateParts.Day, "a day"), (DateParts.Month, "a month"), (DateParts.Year, "a year") }
                .Where(p => missing.HasFlag(p.Item1)).Select(p => p.Item2).ToList();
            var list = names.Count == 1 ? names[0] : $"{names[0]} and {names[1][2..]}";
            return new DateReading(null, null, $"{what} must include {list}", missing);
        }

        var wrong = DateParts.None;
        if (!int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var dayNumber) || dayNumber is < 1 or > 31)
        {
            wrong |= DateParts.Day;
        }

        var monthNumber = Month(m);
        if (monthNumber is null)
        {
            wrong |= DateParts.Month;
        }

        if (!int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var yearNumber))
        {
            wrong |= DateParts.Year;
        }
        else if (y.Length != 4)
        {
            return new DateReading(null, null, "Year must include 4 numbers", DateParts.Year | wrong);
        }

        if (wrong != DateParts.None)
        {
            return new DateReading(null, null, $"{what} must be a real date", wrong);
        }

        if (dayNumber > DateTime.DaysInMonth(yearNumber, monthNumber!.Value))
        {
            // 31 April: the day is what is wrong.
            return new DateReading(null, null, $"{what} must be a real date", DateParts.Day);
        }

        return new DateReading(new DateOnly(yearNumber, monthNumber!.Value, dayNumber), null, null, DateParts.None);
    }

    /// <summary>Reads a date and a 24-hour time ("14:30", "9.15", "0915"). With <paramref name="timeUnknownOffered"/>,
    /// an empty time must be explicitly unknown (<paramref name="timeUnknown"/>), and the reading carries no time; without
    /// it an empty time is an error.</summary>
    public static DateReading ReadDateTime(string? day, string? month, string? year, string? time, bool timeUnknown, bool timeUnknownOffered, string what)
    {
        var date = ReadDate(day, month, year, what);
        var clock = Clean(time);
        if (date.Error is not null)
        {
            return date;
        }

        if (date.Date is null)
        {
            return clock.Length == 0 ? date : new DateReading(null, null, $"{what} must include a day, month and year", DateParts.Date);
        }

        if (clock.Length == 0)
        {
            if (timeUnknownOffered && timeUnknown)
            {
                return date;
            }

            return new DateReading(null, null, timeUnknownOffered ? $"{TimeExample}, or select ‘{UnknownTimeLabel}’" : TimeExample, DateParts.Time);
        }

        return Time(clock) is { } parsed
            ? date with { Time = parsed }
            : new DateReading(null, null, TimeExample, DateParts.Time);
    }

    /// <summary>A 24-hour time: "14:30", "14.30", "1430", "9:05"; null when it is not one.</summary>
    public static TimeOnly? Time(string? text)
    {
        var value = Clean(text).Replace('.', ':');
        if (value.Length == 4 && value.All(char.IsAsciiDigit))
        {
            value = $"{value[..2]}:{value[2..]}";
        }

        return TimeOnly.TryParseExact(value, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
    }

    /// <summary>The date and time as London wall-clock time; an explicitly unknown time is the start of that day.</summary>
    public static DateTimeOffset? InLondon(DateReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Date is { } date ? LondonTime.FromLondonWallClock(date.ToDateTime(reading.Time ?? TimeOnly.MinValue)) : null;
    }

    /// <summary>The boxes to mark with <c>govuk-input--error</c> when <paramref name="error"/> is shown for this input:
    /// the wrong ones if the boxes themselves are the problem, else every date box (a rule about the whole date).</summary>
    public static DateParts Highlight(string? error, string? day, string? month, string? year, string? time, bool withTime, bool timeRequired)
    {
        if (error is null)
        {
            return DateParts.None;
        }

        if (error.StartsWith(CheckTimePrefix, StringComparison.Ordinal))
        {
            return DateParts.Time;
        }

        var reading = withTime ? ReadDateTime(day, month, year, time, timeUnknown: !timeRequired, timeUnknownOffered: true, "Date") : ReadDate(day, month, year, "Date");
        return reading.Error is not null ? reading.Wrong : DateParts.Date;
    }

    /// <summary>The box the error summary links to for <paramref name="error"/> shown on this input: the first wrong
    /// box ("Day", "Month", "Year" or "Time"), or the day box for a rule about the whole date (GOV.UK: link to the first
    /// box with an error).</summary>
    public static string FirstWrongBox(string? error, string? day, string? month, string? year, string? time)
    {
        if (error is not null && ((error.StartsWith(TimeExample, StringComparison.Ordinal) && Time(time) is null) || error.StartsWith(CheckTimePrefix, StringComparison.Ordinal)))
        {
            return nameof(DateParts.Time);
        }

        var wrong = ReadDate(day, month, year, "Date") is { Error: not null } reading ? reading.Wrong : DateParts.Day;
        return wrong.HasFlag(DateParts.Day) ? nameof(DateParts.Day) : wrong.HasFlag(DateParts.Month) ? nameof(DateParts.Month) : nameof(DateParts.Year);
    }

    private static string Clean(string? value) => (value ?? string.Empty).Trim();
}
