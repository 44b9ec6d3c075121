using Incidents.Domain.Organisations;

namespace Incidents.UnitTests.Domain;

public sealed class AgreementTests
{
    private readonly Guid _sil = Guid.NewGuid();
    private readonly Guid _school = Guid.NewGuid();

    [Fact]
    public void The_counterparty_of_sil_is_the_school_and_of_the_school_is_sil()
    {
        var agreement = new Agreement(Guid.NewGuid(), _sil, _school, 1, new DateOnly(2025, 9, 1));

        Assert.Equal(_school, agreement.CounterpartyOf(_sil));
        Assert.Equal(_sil, agreement.CounterpartyOf(_school));
    }

    [Fact]
    public void An_organisation_outside_the_agreement_has_no_counterparty()
    {
        var agreement = new Agreement(Guid.NewGuid(), _sil, _school, 1, new DateOnly(2025, 9, 1));

        Assert.Throws<ArgumentException>(() => agreement.CounterpartyOf(Guid.NewGuid()));
        Assert.False(agreement.IsParty(Guid.NewGuid()));
        Assert.True(agreement.IsParty(_school));
    }

    [Fact]
    public void A_new_agreement_is_active_and_between_two_different_organisations()
    {
        Assert.Equal(AgreementStatus.Active, new Agreement(Guid.NewGuid(), _sil, _school, 1, new DateOnly(2025, 9, 1)).Status);
        Assert.Throws<ArgumentException>(() => new Agreement(Guid.NewGuid(), _sil, _sil, 1, new DateOnly(2025, 9, 1)));
    }
}
