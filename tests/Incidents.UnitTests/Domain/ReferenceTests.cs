using Incidents.Domain.Incidents;

namespace Incidents.UnitTests.Domain;

public sealed class ReferenceTests
{
    [Theory]
    [InlineData(2026, 42, "INC-2026-00042")]
    [InlineData(2026, 1, "INC-2026-00001")]
    [InlineData(2027, 99999, "INC-2027-99999")]
    public void A_reference_is_the_year_and_a_five_digit_number(int year, int number, string expected)
    {
        Assert.Equal(expected, Reference.Format(year, number));
    }
}
