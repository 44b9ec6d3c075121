using FluentValidation.TestHelper;
using Incidents.Application.Features.Agreements;
using Incidents.UnitTests.Support;

namespace Incidents.UnitTests.Application.Agreements;

public sealed class CreateSchoolValidatorTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly CreateSchoolValidator _validator;

    public CreateSchoolValidatorTests() => _validator = new CreateSchoolValidator(_database.Db);

    public void Dispose() => _database.Dispose();

    private static CreateSchoolCommand Valid() => new("Gamma High School", "123456");

    [Theory]
    [InlineData("123456")]
    [InlineData("1234567")]
    public async Task A_new_school_with_a_six_or_seven_digit_urn_is_valid(string urn)
    {
        var result = await _validator.TestValidateAsync(Valid() with { Urn = urn });

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("12345678")]
    [InlineData("12345a")]
    [InlineData("123 456")]
    [InlineData(" 123456")]
    [InlineData("١٢٣٤٥٦")] // Arabic-Indic digits are not a URN
    [InlineData("")]
    [InlineData(null)]
    public async Task A_urn_that_is_not_six_or_seven_digits_is_refused(string? urn)
    {
        var result = await _validator.TestValidateAsync(Valid() with { Urn = urn });

        result.ShouldHaveValidationErrorFor(c => c.Urn);
    }

    [Fact]
    public async Task The_urn_of_a_registered_school_is_refused()
    {
        Assert.Equal("100001", _database.SchoolA.Urn);

        var result = await _validator.TestValidateAsync(Valid() with { Urn = "100001" });

        result.ShouldHaveValidationErrorFor(c => c.Urn).WithErrorMessage("A school with that URN is already registered.");
    }

    [Theory]
    [InlineData("123456\n")]
    [InlineData("100001\n")]
    public async Task A_urn_with_a_trailing_newline_is_refused(string urn)
    {
        // The handler trims the URN, so "100001\n" would be stored as School A's URN "100001".
        var result = await _validator.TestValidateAsync(Valid() with { Urn = urn });

        result.ShouldHaveValidationErrorFor(c => c.Urn);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Gamma\nHigh")]
    public async Task The_name_must_be_given_on_one_line(string? name)
    {
        var result = await _validator.TestValidateAsync(Valid() with { Name = name });

        result.ShouldHaveValidationErrorFor(c => c.Name);
    }

    [Fact]
    public async Task A_name_longer_than_200_characters_is_refused()
    {
        var result = await _validator.TestValidateAsync(Valid() with { Name = new string('x', 201) });

        result.ShouldHaveValidationErrorFor(c => c.Name);
    }
}
