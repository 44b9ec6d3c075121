using Incidents.Domain.Common;
using Incidents.Domain.Organisations;

namespace Incidents.UnitTests.Domain.Agreements;

public sealed class AgreementSuspensionTests
{
    private readonly Guid _sil = Guid.NewGuid();
    private readonly Guid _school = Guid.NewGuid();

    private Agreement AnAgreement() => new(Guid.NewGuid(), _sil, _school, 1, new DateOnly(2025, 9, 1));

    [Fact]
    public void Suspending_marks_the_agreement_suspended_with_the_current_suspension()
    {
        var agreement = AnAgreement();
        var suspensionId = Guid.NewGuid();

        agreement.Suspend(suspensionId);

        Assert.Equal(AgreementStatus.Suspended, agreement.Status);
        Assert.Equal(suspensionId, agreement.CurrentSuspensionId);
    }

    [Fact]
    public void Renewing_a_suspension_makes_the_new_one_current()
    {
        var agreement = AnAgreement();
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        agreement.Suspend(first);

        agreement.Suspend(second);

        Assert.Equal(second, agreement.CurrentSuspensionId);
        Assert.False(agreement.Reinstate(first));
        Assert.Equal(AgreementStatus.Suspended, agreement.Status);
    }

    [Fact]
    public void A_terminated_agreement_cannot_be_suspended()
    {
        var agreement = AnAgreement();
        agreement.Update(1, new DateOnly(2025, 9, 1), terminate: true);

        Assert.Throws<DomainException>(() => agreement.Suspend(Guid.NewGuid()));

        Assert.Equal(AgreementStatus.Terminated, agreement.Status);
        Assert.Null(agreement.CurrentSuspensionId);
    }

    [Fact]
    public void The_current_suspension_reinstates_the_agreement()
    {
        var agreement = AnAgreement();
        var suspensionId = Guid.NewGuid();
        agreement.Suspend(suspensionId);

        var reinstated = agreement.Reinstate(suspensionId);

        Assert.True(reinstated);
        Assert.Equal(AgreementStatus.Active, agreement.Status);
        Assert.Null(agreement.CurrentSuspensionId);
    }

    [Fact]
    public void Another_suspension_id_does_not_reinstate_the_agreement_and_changes_nothing()
    {
        var agreement = AnAgreement();
        var suspensionId = Guid.NewGuid();
        agreement.Suspend(suspensionId);
        var version = agreement.ConcurrencyVersion;

        var reinstated = agreement.Reinstate(Guid.NewGuid());

        Assert.False(reinstated);
        Assert.Equal(AgreementStatus.Suspended, agreement.Status);
        Assert.Equal(suspensionId, agreement.CurrentSuspensionId);
        Assert.Equal(version, agreement.ConcurrencyVersion);
    }

    [Fact]
    public void An_agreement_that_is_not_suspended_is_not_reinstated()
    {
        var agreement = AnAgreement();

        Assert.False(agreement.Reinstate(Guid.NewGuid()));
        Assert.Equal(AgreementStatus.Active, agreement.Status);
        Assert.Equal(0, agreement.ConcurrencyVersion);
    }

    [Fact]
    public void A_suspended_agreement_cannot_be_terminated_until_the_suspension_is_lifted()
    {
        var agreement = AnAgreement();
        agreement.Suspend(Guid.NewGuid());

        var exception = Assert.Throws<DomainException>(() => agreement.Update(2, new DateOnly(2026, 9, 1), terminate: true));

        Assert.Equal("status", exception.Field);
        Assert.Equal(AgreementStatus.Suspended, agreement.Status);
        Assert.Equal(1, agreement.Version);
        Assert.Equal(new DateOnly(2025, 9, 1), agreement.StartDate);
    }

    [Fact]
    public void A_suspended_agreement_can_still_have_its_version_and_start_date_updated()
    {
        var agreement = AnAgreement();
        agreement.Suspend(Guid.NewGuid());

        agreement.Update(2, new DateOnly(2026, 9, 1), terminate: false);

        Assert.Equal(2, agreement.Version);
        Assert.Equal(new DateOnly(2026, 9, 1), agreement.StartDate);
        Assert.Equal(AgreementStatus.Suspended, agreement.Status);
    }

    [Fact]
    public void An_active_agreement_can_be_terminated()
    {
        var agreement = AnAgreement();

        agreement.Update(1, new DateOnly(2025, 9, 1), terminate: true);

        Assert.Equal(AgreementStatus.Terminated, agreement.Status);
    }

    [Fact]
    public void Every_change_bumps_the_concurrency_version()
    {
        var agreement = AnAgreement();
        var suspensionId = Guid.NewGuid();
        Assert.Equal(0, agreement.ConcurrencyVersion);

        agreement.Suspend(suspensionId);
        Assert.Equal(1, agreement.ConcurrencyVersion);

        agreement.Reinstate(suspensionId);
        Assert.Equal(2, agreement.ConcurrencyVersion);

        agreement.Update(2, new DateOnly(2026, 9, 1), terminate: false);
        Assert.Equal(3, agreement.ConcurrencyVersion);

        agreement.Update(2, new DateOnly(2026, 9, 1), terminate: true);
        Assert.Equal(4, agreement.ConcurrencyVersion);
    }

    [Fact]
    public void A_refused_change_does_not_bump_the_concurrency_version()
    {
        var agreement = AnAgreement();
        agreement.Suspend(Guid.NewGuid());

        Assert.Throws<DomainException>(() => agreement.Update(1, new DateOnly(2025, 9, 1), terminate: true));

        Assert.Equal(1, agreement.ConcurrencyVersion);
    }

    [Fact]
    public void Each_party_sees_the_other_as_its_counterparty_and_an_outsider_is_no_party()
    {
        var agreement = AnAgreement();
        var outsider = Guid.NewGuid();

        Assert.Equal(_school, agreement.CounterpartyOf(_sil));
        Assert.Equal(_sil, agreement.CounterpartyOf(_school));
        Assert.True(agreement.IsParty(_sil));
        Assert.True(agreement.IsParty(_school));
        Assert.False(agreement.IsParty(outsider));
        Assert.Throws<ArgumentException>(() => agreement.CounterpartyOf(outsider));
    }
}
