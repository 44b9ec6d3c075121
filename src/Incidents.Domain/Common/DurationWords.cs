using System.Globalization;

namespace Incidents.Domain.Common;

/// <summary>
/// How long, in words, for people: "2 days 7 hours", "16 hours 24 minutes", "5 minutes". The two largest units
/// that are not zero (days and hours, or hours and minutes), rounded down to the minute. The one formatter for
/// time left and time overdue, used by the pages and the emails.
/// </summary>
public static class DurationWords
{
    public static string InWords(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = span.Duration();
        }

        var days = span.Days;
        var hours = span.Hours;
        var minutes = span.Minutes;
        var parts = new List<string>(2);
        if (days > 0)
        {
            parts.Add(Unit(days, "day"));
            if (hours > 0)
            {
                parts.Add(Unit(hours, "hour"));
            }
        }
        else if (hours > 0)
        {
            parts.Add(Unit(hours, "hour"));
            if (minutes > 0)
            {
                parts.Add(Unit(minutes, "minute"));
            }
        }
        else if (minutes > 0)
        {
            parts.Add(Unit(minutes, "minute"));
        }
        else
        {
            return "less than a minute";
        }

        return string.Join(' ', parts);
    }

    /// <summary>"2 days 7 hours left".</summary>
    public static string Left(TimeSpan span) => $"{InWords(span)} left";

    /// <summary>"overdue by 16 hours 24 minutes".</summary>
    public static string OverdueBy(TimeSpan span) => $"overdue by {InWords(span)}";

    /// <summary>Time left until <paramref name="deadline"/>, or how long it is overdue.</summary>
    public static string Until(DateTimeOffset deadline, DateTimeOffset now) =>
        now > deadline ? OverdueBy(now - deadline) : Left(deadline - now);

    private static string Unit(int n, string unit) => $"{n.ToString(CultureInfo.InvariantCulture)} {unit}{(n == 1 ? "" : "s")}";
}
