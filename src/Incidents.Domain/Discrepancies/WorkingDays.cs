using Incidents.Domain.Common;

namespace Incidents.Domain.Discrepancies;

/// <summary>
/// Working days in London: Monday to Friday, except the bank holidays of England and Wales as the law's standing rules
/// make them (New Year's Day, Good Friday, Easter Monday, the first and last Mondays of May, the last Monday of August,
/// Christmas Day and Boxing Day, each moved to the next weekday when it falls at a weekend). One-off changes by
/// proclamation (a coronation, a jubilee, a state funeral, a moved May holiday) are not known to it.
/// </summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !BankHolidays(date.Year).Contains(date);

    /// <summary>The date <paramref name="days"/> working days after <paramref name="start"/> (the start itself not counted).</summary>
    public static DateOnly Add(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = start;
        var left = days;
        while (left > 0)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                left--;
            }
        }

        return date;
    }

    /// <summary>The working day before <paramref name="date"/>.</summary>
    public static DateOnly Before(DateOnly date)
    {
        var day = date.AddDays(-1);
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>The next working day after <paramref name="date"/>.</summary>
    public static DateOnly After(DateOnly date) => Add(date, 1);

    /// <summary>The London date of an instant.</summary>
    public static DateOnly LondonDate(DateTimeOffset instant) => DateOnly.FromDateTime(LondonTime.ToLondon(instant).DateTime);

    /// <summary>A London wall-clock time on a date, as an instant.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time) => LondonTime.FromLondonWallClock(date.ToDateTime(time));

    /// <summary>England and Wales bank holidays of a year (standing rules only).</summary>
    public static IReadOnlySet<DateOnly> BankHolidays(int year)
    {
        var easter = EasterSunday(year);
        var days = new HashSet<DateOnly>
        {
            NextWeekday(new DateOnly(year, 1, 1)),
            easter.AddDays(-2),
            easter.AddDays(1),
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
        };

        var christmas = new DateOnly(year, 12, 25);
        var boxing = new DateOnly(year, 12, 26);
        var christmasHoliday = NextWeekday(christmas);
        days.Add(christmasHoliday);
        var boxingHoliday = NextWeekday(boxing);
        if (boxingHoliday <= christmasHoliday)
        {
            boxingHoliday = NextWeekday(christmasHoliday.AddDays(1));
        }

        days.Add(boxingHoliday);
        return days;
    }

    private static DateOnly NextWeekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var day = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>Western Easter (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
