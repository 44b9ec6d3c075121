using FluentValidation.TestHelper;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.Incidents;
using Incidents.Domain.Incidents;
using Incidents.Domain.Organisations;
using Incidents.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Incidents.UnitTests.Application.Incidents;

public sealed class ReportIncidentValidatorTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<ICurrentUser> _user = new();
    private readonly ReportIncidentValidator _validator;

    public ReportIncidentValidatorTests()
    {
        _user.Setup(u => u.OrganisationId).Returns(_database.SchoolA.Id);
        _user.Setup(u => u.IsInRole(It.IsAny<string>())).Returns(false);
        _validator = new ReportIncidentValidator(_database.Db, _user.Object, _time, new ReportLookups(_database.Db));
    }

    public void Dispose() => _database.Dispose();

    private ReportIncidentCommand Valid() => new(
        IncidentKind.ConfidentialityBreach,
        _database.Sil.Id,
        Now.AddHours(-2),
        "Pupil report emailed to the wrong parent",
        "A term report for one pupil was emailed to another pupil's parent.",
        ["Names", "PupilRecords"],
        1,
        "The recipient was asked to delete it.");

    private Task<TestValidationResult<ReportIncidentCommand>> Validate(ReportIncidentCommand command) =>
        _validator.TestValidateAsync(command);

    /// <summary>A discovery whose time is not known is its day: later today (as a client may send the day with any time)
    /// is today, not the future; tomorrow is still refused.</summary>
    [Fact]
    public async Task A_discovery_today_whose_time_is_not_known_is_not_in_the_future()
    {
        var today = await Validate(Valid() with { DiscoveredAt = Now.AddHours(10), DiscoveredTimeUnknown = true });
        var tomorrow = await Validate(Valid() with { DiscoveredAt = Now.AddDays(1), DiscoveredTimeUnknown = true });
        var laterTodayWithTime = await Validate(Valid() with { DiscoveredAt = Now.AddHours(10) });

        today.ShouldNotHaveAnyValidationErrors();
        tomorrow.ShouldHaveValidationErrorFor(c => c.DiscoveredAt);
        laterTodayWithTime.ShouldHaveValidationErrorFor(c => c.DiscoveredAt);
    }

    [Fact]
    public async Task A_complete_report_from_a_school_to_sil_is_valid()
    {
        var result = await Validate(Valid());

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public async Task A_report_from_sil_to_a_school_it_has_an_agreement_with_is_valid()
    {
        _user.Setup(u => u.OrganisationId).Returns(_database.Sil.Id);

        var result = await Validate(Valid() with { CounterpartyOrganisationId = _database.SchoolA.Id });

        result.ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public async Task The_kind_is_required()
    {
        var result = await Validate(Valid() with { Kind = null });

        result.ShouldHaveValidationErrorFor(c => c.Kind).WithErrorMessage("Choose what kind of incident this is.");
    }

    [Fact]
    public async Task A_kind_outside_the_list_is_refused()
    {
        var result = await Validate(Valid() with { Kind = (IncidentKind)99 });

        result.ShouldHaveValidationErrorFor(c => c.Kind).WithErrorMessage("Choose a kind of incident from the list.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task The_summary_is_required(string? summary)
    {
        var result = await Validate(Valid() with { Summary = summary });

        result.ShouldHaveValidationErrorFor(c => c.Summary).WithErrorMessage("Enter a summary.");
    }

    [Fact]
    public async Task A_summary_of_200_characters_is_allowed_and_201_is_not()
    {
        (await Validate(Valid() with { Summary = new string('a', 200) })).ShouldNotHaveValidationErrorFor(c => c.Summary);

        var result = await Validate(Valid() with { Summary = new string('a', 201) });

        result.ShouldHaveValidationErrorFor(c => c.Summary).WithErrorMessage("The summary must be 200 characters or fewer.");
    }

    [Theory]
    [InlineData("First line\nsecond line")]
    [InlineData("First line\r\nsecond line")]
    [InlineData("Tab\tinside")]
    public async Task A_summary_must_be_one_line(string summary)
    {
        var result = await Validate(Valid() with { Summary = summary });

        result.ShouldHaveValidationErrorFor(c => c.Summary).WithErrorMessage("The summary must be one line of text.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task The_description_is_required(string? description)
    {
        var result = await Validate(Valid() with { Description = description });

        result.ShouldHaveValidationErrorFor(c => c.Description);
    }

    [Fact]
    public async Task A_description_over_ten_thousand_characters_is_refused()
    {
        (await Validate(Valid() with { Description = new string('x', 10_000) })).ShouldNotHaveValidationErrorFor(c => c.Description);

        var result = await Validate(Valid() with { Description = new string('x', 10_001) });

        result.ShouldHaveValidationErrorFor(c => c.Description);
    }

    [Fact]
    public async Task When_it_was_discovered_is_required()
    {
        var result = await Validate(Valid() with { DiscoveredAt = null });

        result.ShouldHaveValidationErrorFor(c => c.DiscoveredAt).WithErrorMessage("Enter when the incident was discovered.");
    }

    [Fact]
    public async Task A_discovery_ten_minutes_in_the_future_is_refused()
    {
        var result = await Validate(Valid() with { DiscoveredAt = Now.AddMinutes(10) });

        result.ShouldHaveValidationErrorFor(c => c.DiscoveredAt).WithErrorMessage("When it was discovered must be now or in the past.");
    }

    [Fact]
    public async Task A_discovery_two_minutes_in_the_future_is_allowed_as_clock_skew()
    {
        var result = await Validate(Valid() with { DiscoveredAt = Now.AddMinutes(2) });

        result.ShouldNotHaveValidationErrorFor(c => c.DiscoveredAt);
    }

    [Fact]
    public async Task The_future_is_judged_by_the_time_provider_not_the_machine_clock()
    {
        var command = Valid() with { DiscoveredAt = Now.AddMinutes(10) };
        _time.Advance(TimeSpan.FromMinutes(6));

        var result = await Validate(command);

        result.ShouldNotHaveValidationErrorFor(c => c.DiscoveredAt);
    }

    [Fact]
    public async Task A_discovery_before_2000_is_refused()
    {
        var result = await Validate(Valid() with { DiscoveredAt = new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero) });

        result.ShouldHaveValidationErrorFor(c => c.DiscoveredAt).WithErrorMessage("Enter a date after 1 January 2000.");
    }

    [Fact]
    public async Task A_negative_number_of_people_is_refused()
    {
        var result = await Validate(Valid() with { ApproximateDataSubjects = -1 });

        result.ShouldHaveValidationErrorFor(c => c.ApproximateDataSubjects);
    }

    [Fact]
    public async Task An_unknown_number_of_people_is_allowed()
    {
        var result = await Validate(Valid() with { ApproximateDataSubjects = null });

        result.ShouldNotHaveValidationErrorFor(c => c.ApproximateDataSubjects);
    }

    [Fact]
    public async Task An_unknown_data_category_is_refused()
    {
        var result = await Validate(Valid() with { DataCategories = ["Names", "ShoeSize"] });

        result.ShouldHaveValidationErrorFor("DataCategories[1]").WithErrorMessage("Choose categories of data from the list.");
        result.ShouldNotHaveValidationErrorFor("DataCategories[0]");
    }

    [Fact]
    public async Task The_counterparty_is_required()
    {
        var result = await Validate(Valid() with { CounterpartyOrganisationId = null });

        result.ShouldHaveValidationErrorFor(c => c.CounterpartyOrganisationId).WithErrorMessage("Choose the other party to the agreement.");
    }

    [Fact]
    public async Task A_school_cannot_report_against_another_school_it_has_no_agreement_with()
    {
        var result = await Validate(Valid() with { CounterpartyOrganisationId = _database.SchoolB.Id });

        result.ShouldHaveValidationErrorFor(c => c.CounterpartyOrganisationId)
            .WithErrorMessage("Choose an organisation your organisation has an information sharing agreement with.");
    }

    [Fact]
    public async Task Sil_cannot_report_against_a_school_it_has_no_agreement_with()
    {
        _user.Setup(u => u.OrganisationId).Returns(_database.Sil.Id);

        var result = await Validate(Valid() with { CounterpartyOrganisationId = _database.SchoolB.Id });

        result.ShouldHaveValidationErrorFor(c => c.CounterpartyOrganisationId);
    }

    [Fact]
    public async Task A_school_without_an_agreement_cannot_report_against_sil()
    {
        _user.Setup(u => u.OrganisationId).Returns(_database.SchoolB.Id);

        var result = await Validate(Valid());

        result.ShouldHaveValidationErrorFor(c => c.CounterpartyOrganisationId);
    }

    [Fact]
    public async Task A_terminated_agreement_does_not_count()
    {
        // The domain has no public way to terminate an agreement yet; set the column as an administrator would.
        await _database.Db.Agreements
            .Where(a => a.Id == _database.AgreementWithSchoolA.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AgreementStatus.Terminated));

        var result = await Validate(Valid());

        result.ShouldHaveValidationErrorFor(c => c.CounterpartyOrganisationId);
    }

    [Fact]
    public async Task A_suspended_agreement_still_allows_a_report()
    {
        await _database.Db.Agreements
            .Where(a => a.Id == _database.AgreementWithSchoolA.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AgreementStatus.Suspended));

        var result = await Validate(Valid());

        result.ShouldNotHaveValidationErrorFor(c => c.CounterpartyOrganisationId);
    }
}
