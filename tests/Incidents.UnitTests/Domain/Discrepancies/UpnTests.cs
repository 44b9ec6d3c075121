using Incidents.Domain.Discrepancies;

namespace Incidents.UnitTests.Domain.Discrepancies;

/// <summary>The DfE check: weights 2 to 13 over the last 12 characters, modulo 23, as A–Z without I, O and S.
/// B801200005001 is valid and A801200005001 not (the worked examples of python-stdnum's gb.upn module).</summary>
public sealed class UpnTests
{
    [Theory]
    [InlineData("B801200005001")]
    [InlineData("E341123456789")]
    [InlineData("J341250000012")]
    [InlineData("Y341250000013")]
    public void A_upn_with_the_right_check_letter_is_valid(string value)
    {
        var result = Upn.Parse(value);

        Assert.True(result.IsValid, result.Error);
        Assert.Equal(value, result.Upn!.Value);
        Assert.False(result.Upn.IsTemporary);
    }

    [Fact]
    public void Its_parts_are_the_la_establishment_year_and_serial()
    {
        var upn = Upn.Parse("B801200005001").Upn!;

        Assert.Equal("801", upn.LaNumber);
        Assert.Equal("2000", upn.EstablishmentNumber);
        Assert.Equal("05", upn.Year);
        Assert.Equal("001", upn.Serial);
    }

    [Fact]
    public void The_check_letter_is_the_weighted_sum_modulo_23()
    {
        // 8×2 + 0×3 + 1×4 + 2×5 + 0×6 + 0×7 + 0×8 + 0×9 + 5×10 + 0×11 + 0×12 + 1×13 = 93; 93 mod 23 = 1 → B.
        Assert.Equal('B', Upn.CheckLetter("801200005001"));
        // 276 mod 23 = 0 → A; 22 → Z; the letters skip I, O and S.
        Assert.Equal(23, Upn.Letters.Length);
        Assert.DoesNotContain('I', Upn.Letters);
        Assert.DoesNotContain('O', Upn.Letters);
        Assert.DoesNotContain('S', Upn.Letters);
    }

    [Theory]
    [InlineData("A801200005001", 'B', 'A')]
    [InlineData("C341123456789", 'E', 'C')]
    public void A_wrong_check_letter_is_a_fault_that_says_so(string value, char expected, char given)
    {
        var result = Upn.Parse(value);

        Assert.False(result.IsValid);
        Assert.Equal(UpnFault.WrongCheckLetter, result.Fault);
        Assert.Contains("check letter", result.Error, StringComparison.Ordinal);
        Assert.Contains($"would be {expected}, not {given}", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("B80120000500", 12)]
    [InlineData("B8012000050011", 14)]
    [InlineData("B8", 2)]
    public void A_wrong_length_is_a_fault_that_gives_the_length(string value, int length)
    {
        var result = Upn.Parse(value);

        Assert.Equal(UpnFault.WrongLength, result.Fault);
        Assert.Contains("13 characters", result.Error, StringComparison.Ordinal);
        Assert.Contains($"has {length}", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("B80120000X001", "character 10")]
    [InlineData("1801200005001", "starts with")]
    [InlineData("I801200005001", "starts with")]
    [InlineData("B80120000500O", "ends in")]
    public void Wrong_characters_are_a_fault_that_names_the_character(string value, string says)
    {
        var result = Upn.Parse(value);

        Assert.Equal(UpnFault.Characters, result.Fault);
        Assert.Contains(says, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_temporary_upn_ends_in_a_letter_that_counts_by_its_place_in_the_letters()
    {
        // The final A counts 0: the sum is 80 + 13 × 0 = 80, 80 mod 23 = 11 → M.
        var result = Upn.Parse("M80120000500A");

        Assert.True(result.IsValid, result.Error);
        Assert.True(result.Upn!.IsTemporary);
        Assert.Equal(UpnFault.WrongCheckLetter, Upn.Parse("B80120000500A").Fault);
        Assert.True(Upn.Parse("D34112345678T").IsValid);
    }

    [Fact]
    public void Lower_case_and_surrounding_spaces_are_read_as_the_upper_case_upn()
    {
        var result = Upn.Parse("  b801200005001 ");

        Assert.True(result.IsValid, result.Error);
        Assert.Equal("B801200005001", result.Upn!.Value);
        Assert.Equal("M80120000500A", Upn.Parse("m80120000500a").Upn!.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_is_missing(string? value) => Assert.Equal(UpnFault.Missing, Upn.Parse(value).Fault);
}
