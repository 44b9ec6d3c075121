using FluentValidation.TestHelper;
using Incidents.Application.Features.Agreements;
using Incidents.Domain.Organisations;

namespace Incidents.UnitTests.Application.Agreements;

public sealed class AddContactValidatorTests
{
    private readonly AddContactValidator _validator = new();

    private static AddContactCommand Valid() => new(Guid.NewGuid(), "Owen Marsh", "officer@school.sch.uk", ContactRole.DesignatedOfficer);

    [Fact]
    public void A_plain_address_is_accepted()
    {
        _validator.TestValidate(Valid()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("Owen Marsh officer@sil.test")]
    [InlineData("Owen Marsh <officer@sil.test>")]
    [InlineData("a@b@c")]
    [InlineData("x@y.test\r\nBcc: z@evil.test")]
    [InlineData("x@y.test\nBcc: z@evil.test")]
    [InlineData("one@a.test, two@b.test")]
    [InlineData("\"quoted\"@a.test")]
    [InlineData("@school.sch.uk")]
    [InlineData("officer@")]
    [InlineData("officer")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_one_plain_address_is_refused(string? email)
    {
        var result = _validator.TestValidate(Valid() with { Email = email });

        result.ShouldHaveValidationErrorFor(c => c.Email);
    }

    [Fact]
    public void An_address_longer_than_256_characters_is_refused()
    {
        var result = _validator.TestValidate(Valid() with { Email = new string('a', 250) + "@school.sch.uk" });

        result.ShouldHaveValidationErrorFor(c => c.Email);
    }

    [Theory]
    [InlineData("Owen\r\nMarsh")]
    [InlineData("")]
    [InlineData(null)]
    public void The_name_must_be_given_on_one_line(string? name)
    {
        var result = _validator.TestValidate(Valid() with { Name = name });

        result.ShouldHaveValidationErrorFor(c => c.Name);
    }

    [Fact]
    public void The_role_must_be_given_and_known()
    {
        _validator.TestValidate(Valid() with { Role = null }).ShouldHaveValidationErrorFor(c => c.Role);
        _validator.TestValidate(Valid() with { Role = (ContactRole)99 }).ShouldHaveValidationErrorFor(c => c.Role);
    }
}
