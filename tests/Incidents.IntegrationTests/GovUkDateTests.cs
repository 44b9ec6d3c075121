using System.Globalization;
using System.Net;
using Incidents.Domain.Common;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Incidents.Web.Forms;
using Microsoft.EntityFrameworkCore;

namespace Incidents.IntegrationTests;

/// <summary>The one GOV.UK date reader: month names and abbreviations, the pattern's specific errors with only the
/// wrong box marked, and a time that is given or explicitly unknown, never silently midnight.</summary>
public sealed class GovUkDateTests
{
    [Theory]
    [InlineData("3", 3)]
    [InlineData("03", 3)]
    [InlineData("March", 3)]
    [InlineData("mar", 3)]
    [InlineData("MAR.", 3)]
    [InlineData("sept", 9)]
    [InlineData("Dec", 12)]
    [InlineData("13", null)]
    [InlineData("ma", null)]
    [InlineData("smarch", null)]
    public void Months_are_read_as_numbers_names_or_abbreviations(string typed, int? month) =>
        Assert.Equal(month, GovUkDate.Month(typed));

    /// <summary>A form that offered now: its time kept on a day the user changed to is refused, against the time box;
    /// the offered day with its time, another time, "I do not know the time" and a form that offered nothing are not.</summary>
    [Fact]
    public void The_time_a_form_offered_is_not_kept_on_another_day_unnoticed()
    {
        const string Offered = "2026-12-02T10:57";
        DateReading Read(string day, string time) => GovUkDate.ReadDateTime(day, "12", "2026", time, timeUnknown: false, timeUnknownOffered: true, "When they were told");

        var error = GovUkDate.OfferedTimeOnAnotherDay(Read("1", "10:57"), timeUnknown: false, Offered);

        Assert.Equal("Check the time: 10:57 was the time when the form was opened. Enter the time on 1 December 2026, or select ‘I do not know the time’", error);
        Assert.Equal(DateParts.Time, GovUkDate.Highlight(error, "1", "12", "2026", "10:57", withTime: true, timeRequired: true));
        Assert.Equal("Time", GovUkDate.FirstWrongBox(error, "1", "12", "2026", "10:57"));
        Assert.Null(GovUkDate.OfferedTimeOnAnotherDay(Read("2", "10:57"), timeUnknown: false, Offered));
        Assert.Null(GovUkDate.OfferedTimeOnAnotherDay(Read("1", "09:15"), timeUnknown: false, Offered));
        Assert.Null(GovUkDate.OfferedTimeOnAnotherDay(Read("1", "10:57"), timeUnknown: true, Offered));
        Assert.Null(GovUkDate.OfferedTimeOnAnotherDay(Read("1", "10:57"), timeUnknown: false, null));
        Assert.Null(GovUkDate.OfferedTimeOnAnotherDay(Read("1", "10:57"), timeUnknown: false, "not a date"));
    }

    [Fact]
    public void A_month_name_makes_a_date() =>
        Assert.Equal(new DateOnly(2026, 3, 27), GovUkDate.ReadDate("27", "March", "2026", "When it was discovered").Date);

    [Theory]
    [InlineData("27", "", "2026", "When it was discovered must include a month", DateParts.Month)]
    [InlineData("", "", "2026", "When it was discovered must include a day and month", DateParts.Day | DateParts.Month)]
    [InlineData("27", "3", "26", "Year must include 4 numbers", DateParts.Year)]
    [InlineData("27", "Marhc", "2026", "When it was discovered must be a real date", DateParts.Month)]
    [InlineData("31", "4", "2026", "When it was discovered must be a real date", DateParts.Day)]
    [InlineData("29", "2", "2026", "When it was discovered must be a real date", DateParts.Day)]
    public void Errors_are_specific_and_mark_only_the_wrong_box(string day, string month, string year, string error, DateParts wrong)
    {
        var reading = GovUkDate.ReadDate(day, month, year, "When it was discovered");
        Assert.Null(reading.Date);
        Assert.Equal(error, reading.Error);
        Assert.Equal(wrong, reading.Wrong);
    }

    [Fact]
    public void Nothing_typed_is_neither_a_date_nor_an_error()
    {
        var reading = GovUkDate.ReadDateTime(" ", "", null, "", timeUnknown: false, timeUnknownOffered: true, "When");
        Assert.True(reading.Empty);
    }

    [Theory]
    [InlineData("14:30", 14, 30)]
    [InlineData("9.05", 9, 5)]
    [InlineData("0915", 9, 15)]
    public void Times_are_24_hour(string typed, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), GovUkDate.ReadDateTime("27", "3", "2026", typed, false, true, "When").Time);

    [Theory]
    [InlineData("25:00")]
    [InlineData("2pm")]
    public void A_time_that_is_not_one_has_its_own_error_on_the_time_box(string typed)
    {
        var reading = GovUkDate.ReadDateTime("27", "3", "2026", typed, false, true, "When");
        Assert.Equal(GovUkDate.TimeExample, reading.Error);
        Assert.Equal(DateParts.Time, reading.Wrong);
    }

    [Fact]
    public void An_empty_time_is_an_error_unless_it_is_explicitly_unknown()
    {
        var silent = GovUkDate.ReadDateTime("27", "3", "2026", "", timeUnknown: false, timeUnknownOffered: true, "When");
        Assert.StartsWith("Enter a time, for example 14:30", silent.Error, StringComparison.Ordinal);
        Assert.Contains(GovUkDate.UnknownTimeLabel, silent.Error, StringComparison.Ordinal);
        Assert.Equal(DateParts.Time, silent.Wrong);

        var unknown = GovUkDate.ReadDateTime("27", "3", "2026", "", timeUnknown: true, timeUnknownOffered: true, "When");
        Assert.Null(unknown.Error);
        Assert.Null(unknown.Time);
        Assert.Equal(new DateOnly(2026, 3, 27), unknown.Date);

        var required = GovUkDate.ReadDateTime("27", "3", "2026", "", timeUnknown: true, timeUnknownOffered: false, "When");
        Assert.Equal(GovUkDate.TimeExample, required.Error);
    }

    [Theory]
    [InlineData("27", "Marhc", "2026", "", "When it was discovered must be a real date", "Month")]
    [InlineData("27", "3", "26", "", "Year must include 4 numbers", "Year")]
    [InlineData("", "", "2026", "", "When it was discovered must include a day and month", "Day")]
    [InlineData("27", "3", "2026", "", GovUkDate.TimeExample, "Time")]
    [InlineData("27", "3", "2026", "25:00", GovUkDate.TimeExample, "Time")]
    [InlineData("27", "3", "2026", "14:30", "It cannot have happened after it was discovered.", "Day")]
    public void The_error_summary_links_to_the_first_wrong_box_or_the_day_for_a_rule_about_the_whole_date(
        string day, string month, string year, string time, string error, string box) =>
        Assert.Equal(box, GovUkDate.FirstWrongBox(error, day, month, year, time));

    [Fact]
    public void A_rule_about_the_whole_date_marks_every_date_box() =>
        Assert.Equal(DateParts.Date, GovUkDate.Highlight("It cannot be in the future", "27", "3", "2099", "14:30", withTime: true, timeRequired: true));
}

/// <summary>The report form shows the date reader's specific error and marks only the wrong box.</summary>
public sealed class GovUkDateFormTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(_smtp);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static Dictionary<string, string> Report(string month, string time, bool timeUnknown = false)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = "ConfidentialityBreach",
            ["Input.Counterparty"] = DemoData.SilId.ToString(),
            ["Input.DiscoveredDay"] = "2",
            ["Input.DiscoveredMonth"] = month,
            ["Input.DiscoveredYear"] = LondonTime.ToLondon(DateTimeOffset.UtcNow).AddMonths(-2).Year.ToString(CultureInfo.InvariantCulture),
            ["Input.DiscoveredTime"] = time,
            ["Input.Summary"] = "Class list emailed to the wrong parent",
            ["Input.Description"] = "A spreadsheet went to one parent.",
        };
        if (timeUnknown)
        {
            fields["Input.DiscoveredTimeUnknown"] = "true";
        }

        return fields;
    }

    [Fact]
    public async Task A_wrong_month_shows_the_specific_error_and_marks_only_the_month_box()
    {
        var browser = await _app.SignInWithCookieAsync("staff@merseyvale.test");
        var response = await browser.PostFormAsync("/incidents/report", Report("Smarch", "09:15"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The error summary links to the first wrong box (GOV.UK), here the month.
        Assert.Contains("<a href=\"#Input_DiscoveredMonth\">When it was discovered must be a real date</a>", html, StringComparison.Ordinal);
        Assert.Matches("govuk-input--error\" id=\"Input_DiscoveredMonth\"", html);
        Assert.DoesNotMatch("govuk-input--error\" id=\"Input_DiscoveredDay\"", html);
        Assert.DoesNotMatch("govuk-input--error\" id=\"Input_DiscoveredYear\"", html);
        Assert.DoesNotMatch("govuk-input--error\" id=\"Input_DiscoveredTime\"", html);
    }

    [Fact]
    public async Task A_missing_time_must_be_given_or_explicitly_unknown_and_month_names_are_accepted()
    {
        var browser = await _app.SignInWithCookieAsync("staff@merseyvale.test");
        var month = CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(LondonTime.ToLondon(DateTimeOffset.UtcNow).AddMonths(-2).Month);
        var silent = await browser.PostFormAsync("/incidents/report", Report(month, string.Empty));
        var html = await silent.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, silent.StatusCode);
        Assert.Contains("<a href=\"#Input_DiscoveredTime\">Enter a time, for example 14:30", html, StringComparison.Ordinal);
        Assert.Matches("govuk-input--error\" id=\"Input_DiscoveredTime\"", html);
        Assert.DoesNotMatch("govuk-input--error\" id=\"Input_DiscoveredMonth\"", html);

        var unknown = await browser.PostFormAsync("/incidents/report", Report(month[..3].ToLowerInvariant(), string.Empty, timeUnknown: true));
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);

        // Kept as the start of that London day, so the ICO clock runs from the earliest it can have been; shown and
        // emailed as the day alone, never as a made-up midnight.
        var id = Guid.Parse(unknown.Headers.Location!.OriginalString.Split('/')[2]);
        var day = new DateTime(LondonTime.ToLondon(DateTimeOffset.UtcNow).AddMonths(-2).Year, LondonTime.ToLondon(DateTimeOffset.UtcNow).AddMonths(-2).Month, 2, 0, 0, 0, DateTimeKind.Unspecified);
        var start = LondonTime.FromLondonWallClock(day);
        var (discovered, timeUnknown, aware) = await _app.WithDbAsync(db => db.Incidents.Where(i => i.Id == id).Select(i => new Tuple<DateTimeOffset, bool, DateTimeOffset>(i.DiscoveredAt, i.DiscoveredTimeUnknown, i.AwareAt)).SingleAsync());
        Assert.Equal(start, discovered);
        Assert.True(timeUnknown);
        Assert.Equal(start, aware);
        var words = $"{LondonTime.FormatDay(start)} (time not known)";
        var page = await browser.GetStringAsync($"/incidents/{id}");
        Assert.Contains(words, page, StringComparison.Ordinal);
        Assert.Contains("The ICO's 72 hours are counted from the start of that day.", page, StringComparison.Ordinal);
        var told = await _smtp.WaitForAsync(1, m => m.TextBody is { } body && body.Contains("Class list emailed to the wrong parent", StringComparison.Ordinal));
        Assert.Contains($"Discovered: {words}", told[0].TextBody, StringComparison.Ordinal);
    }
}
