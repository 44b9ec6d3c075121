using Incidents.Domain.Incidents;
using Incidents.Domain.Organisations;

namespace Incidents.UnitTests.Domain;

public sealed class NotificationRoutingTests
{
    private readonly Organisation _sil;
    private readonly Organisation _school;

    public NotificationRoutingTests()
    {
        _sil = new Organisation(Guid.NewGuid(), "Schools IT Ltd", OrganisationKind.Sil);
        _sil.AddContact("Dana Protection", "dpo@sil.example.org", ContactRole.Dpo);
        _sil.AddContact("Sam Officer", "officer@sil.example.org", ContactRole.DesignatedOfficer);
        _school = new Organisation(Guid.NewGuid(), "Alpha Primary School", OrganisationKind.School, "100001");
        _school.AddContact("Alex Head", "head@school-a.example.org", ContactRole.DesignatedOfficer);
        _school.AddContact("Ash Deputy", "deputy@school-a.example.org", ContactRole.DesignatedOfficer);
    }

    private static string[] Emails(IEnumerable<Contact> contacts) => contacts.Select(c => c.Email).Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData(IncidentKind.ConfidentialityBreach)]
    [InlineData(IncidentKind.SecurityBreach)]
    public void A_breach_reported_by_a_school_goes_to_sils_designated_officers_and_sils_dpo(IncidentKind kind)
    {
        var recipients = NotificationRouting.RecipientsFor(kind, counterparty: _sil, sil: _sil);

        Assert.Equal(["dpo@sil.example.org", "officer@sil.example.org"], Emails(recipients));
    }

    [Theory]
    [InlineData(IncidentKind.ConfidentialityBreach)]
    [InlineData(IncidentKind.SecurityBreach)]
    public void A_breach_reported_by_sil_goes_to_the_schools_designated_officers_and_sils_dpo(IncidentKind kind)
    {
        var recipients = NotificationRouting.RecipientsFor(kind, counterparty: _school, sil: _sil);

        Assert.Equal(["deputy@school-a.example.org", "dpo@sil.example.org", "head@school-a.example.org"], Emails(recipients));
        Assert.DoesNotContain(recipients, c => c.Email == "officer@sil.example.org");
    }

    [Fact]
    public void A_near_miss_goes_to_the_sil_dpo_only()
    {
        var fromSchool = NotificationRouting.RecipientsFor(IncidentKind.NearMiss, _sil, _sil);
        var fromSil = NotificationRouting.RecipientsFor(IncidentKind.NearMiss, _school, _sil);

        Assert.Equal(["dpo@sil.example.org"], Emails(fromSchool));
        Assert.Equal(["dpo@sil.example.org"], Emails(fromSil));
        Assert.All(fromSil, c => Assert.Equal(ContactRole.Dpo, c.Role));
    }

    [Theory]
    [InlineData(IncidentKind.Complaint)]
    [InlineData(IncidentKind.DataDiscrepancy)]
    public void A_complaint_or_discrepancy_goes_to_the_counterpartys_officers_and_the_dpo(IncidentKind kind)
    {
        var recipients = NotificationRouting.RecipientsFor(kind, _school, _sil);

        Assert.Equal(["deputy@school-a.example.org", "dpo@sil.example.org", "head@school-a.example.org"], Emails(recipients));
    }

    [Fact]
    public void A_person_named_twice_with_differently_cased_emails_gets_one_notice()
    {
        _school.AddContact("Dana Protection (governor)", " DPO@SIL.example.org ", ContactRole.DesignatedOfficer);
        _school.AddContact("Alex Head again", "HEAD@school-a.example.org", ContactRole.DesignatedOfficer);

        var recipients = NotificationRouting.RecipientsFor(IncidentKind.ConfidentialityBreach, _school, _sil);

        Assert.Equal(3, recipients.Count);
        Assert.Single(recipients, c => c.Email.Trim().Equals("dpo@sil.example.org", StringComparison.OrdinalIgnoreCase));
        Assert.Single(recipients, c => c.Email.Equals("head@school-a.example.org", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_dpo_must_come_from_sil()
    {
        Assert.Throws<ArgumentException>(() => NotificationRouting.RecipientsFor(IncidentKind.ConfidentialityBreach, _sil, sil: _school));
    }

    [Fact]
    public void A_counterparty_with_no_designated_officers_leaves_only_the_dpo()
    {
        var bare = new Organisation(Guid.NewGuid(), "Gamma School", OrganisationKind.School, "100003");

        var recipients = NotificationRouting.RecipientsFor(IncidentKind.SecurityBreach, bare, _sil);

        Assert.Equal(["dpo@sil.example.org"], Emails(recipients));
    }
}
