using System.Text;
using Incidents.Application.Features.Discrepancies;

namespace Incidents.UnitTests.Application.Discrepancies;

public sealed class RaiseDiscrepancyValidatorTests
{
    private static RaiseDiscrepancyCommand Command(params string?[] upns) =>
        new(Guid.NewGuid(), "Date of birth", Guid.NewGuid(), upns, "Found in the census return.");

    [Fact]
    public void Each_bad_upn_is_keyed_by_its_position_and_says_what_is_wrong()
    {
        var result = new RaiseDiscrepancyValidator().Validate(Command("B801200005001", "A801200005001", "B80120000500", null, "b801200005001"));

        var errors = result.Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);
        Assert.Equal(["Upns[1]", "Upns[2]", "Upns[3]", "Upns[4]"], errors.Keys.Order());
        Assert.Contains("check letter", errors["Upns[1]"], StringComparison.Ordinal);
        Assert.Contains("13 characters", errors["Upns[2]"], StringComparison.Ordinal);
        Assert.Equal("Enter a UPN.", errors["Upns[3]"]);
        Assert.Equal("B801200005001 is given twice; give each pupil once.", errors["Upns[4]"]);
    }

    [Fact]
    public void A_good_command_is_valid_and_an_empty_one_names_each_field()
    {
        Assert.True(new RaiseDiscrepancyValidator().Validate(Command("B801200005001", "M80120000500A")).IsValid);

        var empty = new RaiseDiscrepancyValidator().Validate(new RaiseDiscrepancyCommand(null, " ", null, [], null));
        Assert.Equal(["AgreementId", "DataItem", "ProviderOrganisationId", "Upns"], empty.Errors.Select(e => e.PropertyName).Order());
    }

    [Fact]
    public void More_upns_than_the_limit_are_refused_once_without_checking_each()
    {
        var many = Enumerable.Repeat("B801200005001", 50_000).ToArray();

        var result = new RaiseDiscrepancyValidator().Validate(Command(many));

        Assert.Equal("Upns", Assert.Single(result.Errors).PropertyName);
    }
}

public sealed class UpnLinesTests
{
    [Fact]
    public void A_pasted_list_keeps_each_upns_line_whether_one_per_line_or_comma_separated()
    {
        var lines = UpnLines.FromText("B801200005001\r\n\r\nE341123456789, J341250000012;Y341250000013\n  ");

        Assert.Equal([(1, "B801200005001"), (3, "E341123456789"), (3, "J341250000012"), (3, "Y341250000013")], lines.Select(l => (l.Line, l.Upn)));
    }

    [Fact]
    public void A_csv_skips_its_heading_and_reads_what_each_side_holds_with_the_row_number()
    {
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes("\uFEFFUPN,Ours,Theirs\r\nB801200005001,01/02/2019,02/01/2019\r\n\r\n\"E341123456789\",\"SEN support, since 2024\",\r\n"));

        var (lines, error) = UpnLines.FromCsv(csv);

        Assert.Null(error);
        Assert.Equal(2, lines.Count);
        Assert.Equal(new UpnLine(2, "B801200005001", "01/02/2019", "02/01/2019"), lines[0]);
        Assert.Equal(new UpnLine(4, "E341123456789", "SEN support, since 2024", null), lines[1]);
    }

    [Fact]
    public void A_csv_without_a_heading_starts_at_row_one()
    {
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes("B801200005001\nE341123456789\n"));

        var (lines, _) = UpnLines.FromCsv(csv);

        Assert.Equal([1, 2], lines.Select(l => l.Line));
    }
}
