using System.Globalization;
using CsvHelper;
using Incidents.Application.Features.Register;
using Incidents.Domain.Incidents;

namespace Incidents.UnitTests.Application.Register;

public sealed class RegisterCsvTests
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData("+44 151 000")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=cmd")]
    [InlineData("\r=cmd")]
    public void A_cell_that_a_spreadsheet_would_run_is_written_as_text(string summary)
    {
        var cells = Write(Row(summary, "Ordinary text, with a comma and \"quotes\"\nover two lines"));

        Assert.Equal("'" + summary, cells["Facts: summary"]);
        Assert.Equal("Ordinary text, with a comma and \"quotes\"\nover two lines", cells["Facts: description"]);
    }

    [Fact]
    public void The_header_names_every_column_once_and_dates_are_london_time()
    {
        var cells = Write(Row("Summary", "Description"));

        Assert.Equal(RegisterCsv.Columns.Count, cells.Count);
        Assert.Equal("2026-07-01 10:30", cells["Reported at"]);
        Assert.Equal("No", cells["Reported to the ICO"]);
    }

    [Fact]
    public void A_discovery_whose_time_is_not_known_is_written_as_its_day_never_as_midnight()
    {
        // Kept as the start of the London day: 23:00 UTC on 30 June is 1 July in summer time.
        var row = Row("Summary", "Description") with { DiscoveredAt = new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero) };

        Assert.Equal("2026-07-01 00:00", Write(row)["Discovered at"]);
        Assert.Equal("2026-07-01", Write(row with { DiscoveredTimeUnknown = true })["Discovered at"]);
    }

    private static RegisterRow Row(string summary, string description) => new(
        "INC-2026-00001", IncidentKind.ConfidentialityBreach, IncidentStatus.Reported, null, null, "Mersey Vale", "SIL", "Tom",
        new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 1, 9, 30, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 7, 1, 9, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 7, 4, 9, 30, 0, TimeSpan.Zero),
        summary, description, ["Names"], 3, null, "", [], 0, null, null, null, null, null, null, null, null, null, [], null, null);

    private static Dictionary<string, string> Write(RegisterRow row)
    {
        using var buffer = new MemoryStream();
        RegisterCsv.WriteAsync(Rows(row), buffer, CancellationToken.None).GetAwaiter().GetResult();
        var text = System.Text.Encoding.UTF8.GetString(buffer.ToArray()).TrimStart('\uFEFF');
        using var csv = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        csv.Read();
        return csv.HeaderRecord!.Select((h, n) => (h, csv.GetField(n) ?? "")).ToDictionary(p => p.h, p => p.Item2);
    }

    private static async IAsyncEnumerable<RegisterRow> Rows(RegisterRow row)
    {
        await Task.Yield();
        yield return row;
    }
}
