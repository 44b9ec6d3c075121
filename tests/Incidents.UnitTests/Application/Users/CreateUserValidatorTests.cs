using FluentValidation.TestHelper;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Users;
using Incidents.UnitTests.Support;

namespace Incidents.UnitTests.Application.Users;

public sealed class CreateUserValidatorTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly CreateUserValidator _validator;

    public CreateUserValidatorTests() => _validator = new CreateUserValidator(_database.Db);

    public void Dispose() => _database.Dispose();

    private CreateUserCommand Valid() =>
        new("rita.reporter@school-a.example.org", "Rita Reporter", _database.SchoolA.Id, Roles.Reporter, "A-long-passphrase-1");

    [Fact]
    public async Task A_complete_account_is_valid()
    {
        var result = await _validator.TestValidateAsync(Valid());

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("@example.org")]
    [InlineData("")]
    [InlineData(null)]
    public async Task The_email_must_be_an_email_address(string? email)
    {
        var result = await _validator.TestValidateAsync(Valid() with { Email = email });

        result.ShouldHaveValidationErrorFor(c => c.Email);
    }

    [Theory]
    [InlineData("Superuser")]
    [InlineData("dpo")]
    [InlineData("")]
    public async Task An_unknown_role_is_refused(string role)
    {
        var result = await _validator.TestValidateAsync(Valid() with { Role = role });

        result.ShouldHaveValidationErrorFor(c => c.Role);
    }

    [Theory]
    [InlineData(Roles.Reporter)]
    [InlineData(Roles.DesignatedOfficer)]
    [InlineData(Roles.Dpo)]
    [InlineData(Roles.Admin)]
    public async Task Every_known_role_is_accepted_for_someone_at_sil(string role)
    {
        var result = await _validator.TestValidateAsync(Valid() with { Role = role, OrganisationId = _database.Sil.Id });

        result.ShouldNotHaveValidationErrorFor(c => c.Role);
    }

    [Theory]
    [InlineData(Roles.Dpo)]
    [InlineData(Roles.Admin)]
    public async Task A_school_user_cannot_be_the_dpo_or_an_admin(string role)
    {
        var result = await _validator.TestValidateAsync(Valid() with { Role = role, OrganisationId = _database.SchoolA.Id });

        result.ShouldHaveValidationErrorFor(c => c.Role);
    }

    [Fact]
    public async Task An_unknown_organisation_is_refused()
    {
        var result = await _validator.TestValidateAsync(Valid() with { OrganisationId = Guid.NewGuid() });

        result.ShouldHaveValidationErrorFor(c => c.OrganisationId).WithErrorMessage("There is no organisation with that id.");
    }

    [Fact]
    public async Task The_organisation_is_required()
    {
        var result = await _validator.TestValidateAsync(Valid() with { OrganisationId = null });

        result.ShouldHaveValidationErrorFor(c => c.OrganisationId);
    }

    [Fact]
    public async Task A_display_name_on_two_lines_is_refused()
    {
        var result = await _validator.TestValidateAsync(Valid() with { DisplayName = "Rita\nReporter" });

        result.ShouldHaveValidationErrorFor(c => c.DisplayName).WithErrorMessage("The name must be one line of text.");
    }
}
