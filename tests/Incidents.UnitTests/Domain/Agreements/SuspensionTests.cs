using Incidents.Domain.Agreements;
using Incidents.Domain.Common;

namespace Incidents.UnitTests.Domain.Agreements;

public sealed class SuspensionTests
{
    private static readonly DateTimeOffset StartsAt = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EndsAt = new(2026, 4, 19, 9, 0, 0, TimeSpan.Zero);

    private static Suspension ASuspension(IEnumerable<Guid>? incidentIds = null, DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "user-1", "Dana Protection", "Serious breach", "Evidence",
            incidentIds ?? [Guid.NewGuid()], startsAt ?? StartsAt, endsAt ?? EndsAt, null);

    [Fact]
    public void A_new_suspension_is_active_and_keeps_its_period_in_utc()
    {
        var startsInParis = StartsAt.ToOffset(TimeSpan.FromHours(1));

        var suspension = ASuspension(startsAt: startsInParis);

        Assert.Equal(SuspensionStatus.Active, suspension.Status);
        Assert.True(suspension.IsActive);
        Assert.Equal(StartsAt, suspension.StartsAt);
        Assert.Equal(TimeSpan.Zero, suspension.StartsAt.Offset);
        Assert.Equal(EndsAt, suspension.EndsAt);
        Assert.Null(suspension.EndedAt);
        Assert.Null(suspension.EndedBy);
        Assert.Null(suspension.EndReason);
    }

    [Fact]
    public void A_suspension_that_ends_when_it_starts_is_refused()
    {
        var exception = Assert.Throws<DomainException>(() => ASuspension(startsAt: StartsAt, endsAt: StartsAt));

        Assert.Equal("period", exception.Field);
    }

    [Fact]
    public void A_suspension_that_ends_before_it_starts_is_refused()
    {
        Assert.Throws<DomainException>(() => ASuspension(startsAt: EndsAt, endsAt: StartsAt));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_suspension_without_a_reason_is_refused(string reason)
    {
        Assert.ThrowsAny<ArgumentException>(() => new Suspension(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "user-1", "Dana", reason, "",
            [Guid.NewGuid()], StartsAt, EndsAt, null));
    }

    [Fact]
    public void Duplicate_incident_ids_are_kept_once_in_their_first_order()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        var suspension = ASuspension([first, second, first, second, first]);

        Assert.Equal([first, second], suspension.IncidentIds);
    }

    [Theory]
    [InlineData(SuspensionStatus.Ended)]
    [InlineData(SuspensionStatus.Lifted)]
    [InlineData(SuspensionStatus.Replaced)]
    public void Finishing_records_how_when_by_whom_and_why(SuspensionStatus how)
    {
        var suspension = ASuspension();
        var at = StartsAt.AddDays(3);

        suspension.Finish(how, at, "Sam Officer", "Resolved");

        Assert.Equal(how, suspension.Status);
        Assert.False(suspension.IsActive);
        Assert.Equal(at, suspension.EndedAt);
        Assert.Equal("Sam Officer", suspension.EndedBy);
        Assert.Equal("Resolved", suspension.EndReason);
    }

    [Fact]
    public void A_suspension_can_be_finished_only_once()
    {
        var suspension = ASuspension();
        var firstEnd = StartsAt.AddDays(3);
        suspension.Finish(SuspensionStatus.Lifted, firstEnd, "Sam Officer", "Resolved");

        var exception = Assert.Throws<DomainException>(() => suspension.Finish(SuspensionStatus.Ended, EndsAt, "Incidents (automatic)", null));

        Assert.Equal("suspensionId", exception.Field);
        Assert.Equal(SuspensionStatus.Lifted, suspension.Status);
        Assert.Equal(firstEnd, suspension.EndedAt);
        Assert.Equal("Sam Officer", suspension.EndedBy);
    }

    [Fact]
    public void Finishing_as_active_is_refused_and_leaves_the_suspension_in_force()
    {
        var suspension = ASuspension();

        Assert.Throws<ArgumentOutOfRangeException>(() => suspension.Finish(SuspensionStatus.Active, StartsAt.AddDays(1), "Sam Officer", null));

        Assert.True(suspension.IsActive);
        Assert.Null(suspension.EndedAt);
    }

    [Fact]
    public void A_renewal_keeps_the_party_that_imposed_the_suspension_and_records_who_renewed_it()
    {
        var imposer = Guid.NewGuid();
        var renewer = Guid.NewGuid();
        var original = new Suspension(Guid.NewGuid(), Guid.NewGuid(), imposer, "dpo-1", "Dana Protection", "Serious breach", "", [Guid.NewGuid()], StartsAt, EndsAt, null);
        var renewedAt = StartsAt.AddDays(20);

        var renewal = original.Renewal(Guid.NewGuid(), renewer, "officer-2", "Grace Ibbotson", "Second breach", "New evidence", [Guid.NewGuid()], renewedAt, renewedAt.AddDays(30));

        Assert.Equal(imposer, renewal.SuspendedByOrganisationId);
        Assert.Equal("dpo-1", renewal.SuspendedByUserId);
        Assert.Equal("Dana Protection", renewal.SuspendedByName);
        Assert.Equal(renewer, renewal.RenewedByOrganisationId);
        Assert.Equal("officer-2", renewal.RenewedByUserId);
        Assert.Equal("Grace Ibbotson", renewal.RenewedByName);
        Assert.Equal(original.Id, renewal.ReplacesSuspensionId);
        Assert.Equal(original.AgreementId, renewal.AgreementId);
        Assert.Equal(renewedAt, renewal.StartsAt);
        Assert.False(renewal.MayBeRenewedOrLiftedBy(renewer, isSilDpo: false));
        Assert.True(renewal.MayBeRenewedOrLiftedBy(imposer, isSilDpo: false));
    }

    [Fact]
    public void A_first_suspension_records_no_renewal()
    {
        var suspension = ASuspension();

        Assert.Null(suspension.RenewedByOrganisationId);
        Assert.Null(suspension.RenewedByName);
        Assert.Null(suspension.RenewedByUserId);
    }

    [Fact]
    public void Only_the_imposing_party_or_sils_dpo_may_renew_or_lift()
    {
        var imposer = Guid.NewGuid();
        var other = Guid.NewGuid();
        var suspension = new Suspension(Guid.NewGuid(), Guid.NewGuid(), imposer, "officer-1", "Sam Officer", "Serious breach", "", [Guid.NewGuid()], StartsAt, EndsAt, null);

        Assert.True(suspension.MayBeRenewedOrLiftedBy(imposer, isSilDpo: false));
        Assert.False(suspension.MayBeRenewedOrLiftedBy(other, isSilDpo: false));
        Assert.True(suspension.MayBeRenewedOrLiftedBy(other, isSilDpo: true));
    }

    [Fact]
    public void A_suspension_no_longer_in_force_cannot_be_renewed()
    {
        var suspension = ASuspension();
        suspension.Finish(SuspensionStatus.Lifted, StartsAt.AddDays(1), "Sam Officer", "Resolved");

        var exception = Assert.Throws<DomainException>(() => suspension.Renewal(Guid.NewGuid(), Guid.NewGuid(), "u", "n", "Again", "", [Guid.NewGuid()], StartsAt.AddDays(2), EndsAt.AddDays(2)));

        Assert.Equal("suspensionId", exception.Field);
    }
}
