using Incidents.Domain.Complaints;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;

namespace Incidents.UnitTests.Domain.Complaints;

/// <summary>Who is told of a complaint (clause 11.1).</summary>
public sealed class ComplaintRoutingTests
{
    private static (Organisation Sil, Organisation School, Organisation Other) Parties()
    {
        var sil = new Organisation(Guid.NewGuid(), "SIL", OrganisationKind.Sil);
        sil.AddContact("Sil Officer", "officer@sil.test", ContactRole.DesignatedOfficer);
        sil.AddContact("Dana Dpo", "dpo@sil.test", ContactRole.Dpo);
        var school = new Organisation(Guid.NewGuid(), "Alpha", OrganisationKind.School, "1");
        school.AddContact("Alpha Officer", "officer@alpha.test", ContactRole.DesignatedOfficer);
        var other = new Organisation(Guid.NewGuid(), "Beta", OrganisationKind.School, "2");
        other.AddContact("Beta Officer", "officer@beta.test", ContactRole.DesignatedOfficer);
        return (sil, school, other);
    }

    [Fact]
    public void A_complaint_to_a_school_tells_its_officers_sils_dpo_and_sils_officers()
    {
        var (sil, school, _) = Parties();

        var told = ComplaintRouting.ReceivedNoticesFor(school, null, sil);

        Assert.Equal(
            [("officer@alpha.test", RecipientReason.OwnOfficer), ("dpo@sil.test", RecipientReason.Dpo), ("officer@sil.test", RecipientReason.CounterpartyOfficer)],
            told.Select(t => (t.Email, t.Reason)));
    }

    [Fact]
    public void A_complaint_to_sil_about_a_school_tells_that_school_and_no_other()
    {
        var (sil, school, other) = Parties();

        var told = ComplaintRouting.ReceivedNoticesFor(sil, school, sil);

        Assert.Contains(told, t => t.Email == "officer@alpha.test" && t.Reason == RecipientReason.CounterpartyOfficer);
        Assert.DoesNotContain(told, t => t.Email == other.Contacts[0].Email);
        Assert.Equal(["officer@sil.test", "dpo@sil.test", "officer@alpha.test"], told.Select(t => t.Email));
        Assert.Equal(["officer@sil.test", "dpo@sil.test"], ComplaintRouting.ReceivedNoticesFor(sil, null, sil).Select(t => t.Email));
    }

    [Fact]
    public void Reminders_go_to_the_handling_partys_officers_and_sils_dpo_once_each()
    {
        var (sil, school, _) = Parties();
        school.AddContact("Dana again", "DPO@sil.test", ContactRole.DesignatedOfficer);

        var reminded = ComplaintRouting.ReminderNoticesFor(school, sil);

        Assert.Equal(["officer@alpha.test", "DPO@sil.test"], reminded.Select(r => r.Email));
    }
}
