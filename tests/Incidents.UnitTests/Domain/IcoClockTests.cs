using Incidents.Domain.Common;
using Incidents.Domain.Incidents;

namespace Incidents.UnitTests.Domain;

public sealed class IcoClockTests
{
    [Fact]
    public void The_deadline_is_72_hours_after_awareness()
    {
        var aware = new DateTimeOffset(2026, 6, 10, 9, 15, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2026, 6, 13, 9, 15, 0, TimeSpan.Zero), IcoClock.DeadlineFrom(aware));
    }

    [Fact]
    public void The_deadline_is_72_real_hours_across_the_march_clock_change()
    {
        var aware = new DateTimeOffset(2026, 3, 28, 10, 0, 0, TimeSpan.Zero);

        var deadline = IcoClock.DeadlineFrom(aware);

        Assert.Equal(new DateTimeOffset(2026, 3, 31, 10, 0, 0, TimeSpan.Zero), deadline);
        Assert.Equal(TimeSpan.Zero, deadline.Offset);
        Assert.Equal(TimeSpan.FromHours(72), deadline - aware);
        var london = LondonTime.ToLondon(deadline);
        Assert.Equal(11, london.Hour);
        Assert.Equal(TimeSpan.FromHours(1), london.Offset);
        Assert.EndsWith("11:00 BST", LondonTime.Format(deadline), StringComparison.Ordinal);
    }

    [Fact]
    public void The_deadline_is_72_real_hours_across_the_october_clock_change()
    {
        // 10:00 BST on Saturday 24 October; the clocks go back at 02:00 BST on Sunday 25 October.
        var aware = new DateTimeOffset(2026, 10, 24, 9, 0, 0, TimeSpan.Zero);

        var deadline = IcoClock.DeadlineFrom(aware);

        Assert.Equal(new DateTimeOffset(2026, 10, 27, 9, 0, 0, TimeSpan.Zero), deadline);
        Assert.Equal(9, LondonTime.ToLondon(deadline).Hour);
        Assert.EndsWith("09:00 GMT", LondonTime.Format(deadline), StringComparison.Ordinal);
    }

    [Fact]
    public void An_awareness_given_with_an_offset_is_the_same_instant()
    {
        var awareBst = new DateTimeOffset(2026, 7, 1, 14, 0, 0, TimeSpan.FromHours(1));

        var deadline = IcoClock.DeadlineFrom(awareBst);

        Assert.Equal(new DateTimeOffset(2026, 7, 4, 13, 0, 0, TimeSpan.Zero), deadline);
        Assert.Equal(TimeSpan.Zero, deadline.Offset);
    }

    [Fact]
    public void A_deadline_is_overdue_only_once_it_has_passed()
    {
        var deadline = new DateTimeOffset(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);

        Assert.False(IcoClock.IsOverdue(deadline, deadline));
        Assert.True(IcoClock.IsOverdue(deadline, deadline.AddTicks(1)));
        Assert.Equal(TimeSpan.FromHours(2), IcoClock.Remaining(deadline, deadline.AddHours(-2)));
    }

    [Fact]
    public void An_incidents_ico_deadline_runs_from_its_discovery_not_from_the_report()
    {
        // Discovered Monday 08:45, reported Tuesday 01:16 (London, BST): the 72 hours run from Monday 08:45.
        var discovered = new DateTimeOffset(2026, 6, 1, 8, 45, 0, TimeSpan.FromHours(1));
        var reported = new DateTimeOffset(2026, 6, 2, 1, 16, 0, TimeSpan.FromHours(1));
        var incident = new Incident(Guid.NewGuid(), "INC-2026-00001", IncidentKind.ConfidentialityBreach, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            "u", "Rita", discovered, reported, "Summary", "Description", [], null, null);

        Assert.Equal(discovered, incident.AwareAt);
        Assert.Equal(new DateTimeOffset(2026, 6, 4, 7, 45, 0, TimeSpan.Zero), incident.IcoDeadline);
    }

    [Fact]
    public void Moving_awareness_needs_a_reason_and_a_time_within_the_same_minute_is_not_a_move()
    {
        var discovered = new DateTimeOffset(2026, 6, 1, 7, 45, 30, TimeSpan.Zero);
        var now = discovered.AddHours(20);
        var incident = new Incident(Guid.NewGuid(), "INC-2026-00001", IncidentKind.ConfidentialityBreach, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            "u", "Rita", discovered, discovered.AddHours(17), "Summary", "Description", [], null, null);

        // The form gives minutes: 07:45 is the same awareness, and needs no reason.
        incident.Triage(TriageClassification.PersonalDataBreach, new DateTimeOffset(2026, 6, 1, 7, 45, 0, TimeSpan.Zero), null, null, now);
        Assert.Equal(discovered, incident.AwareAt);

        var ex = Assert.Throws<Incidents.Domain.Common.DomainException>(() =>
            incident.Triage(TriageClassification.PersonalDataBreach, discovered.AddHours(-3), null, null, now, "  "));
        Assert.Equal("awareAtReason", ex.Field);
        Assert.Equal(discovered, incident.AwareAt);

        incident.Triage(TriageClassification.PersonalDataBreach, discovered.AddHours(-3), null, null, now, "The supplier told the school three hours earlier.");
        Assert.Equal(discovered.AddHours(-3), incident.AwareAt);
        Assert.Equal("The supplier told the school three hours earlier.", incident.AwareAtReason);
    }
}
