using Incidents.Domain.Common;
using Incidents.Domain.Complaints;

namespace Incidents.UnitTests.Domain.Complaints;

/// <summary>The state rules of a complaint: received → acknowledged → closed with an outcome.</summary>
public sealed class ComplaintTests
{
    private static readonly DateTimeOffset Received = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static Complaint New(string? email = "jo@example.org", Guid? about = null) => new(
        Guid.NewGuid(), "CMP-2026-00001", Guid.NewGuid(), about, Received, Received, ComplaintChannel.Email, "Jo Parent", email,
        "Parent", "Records shared", "Details", "Apology", "user", "Staff Member");

    [Fact]
    public void A_new_complaint_is_awaiting_acknowledgement_and_overdue_only_from_its_deadline()
    {
        var complaint = New();

        Assert.Equal(ComplaintStatus.Received, complaint.Status);
        Assert.Equal(ComplaintClock.AcknowledgeBy(Received), complaint.AcknowledgeBy);
        Assert.False(complaint.IsOverdue(complaint.AcknowledgeBy - TimeSpan.FromMinutes(1)));
        Assert.True(complaint.IsOverdue(complaint.AcknowledgeBy));
    }

    [Fact]
    public void Acknowledging_records_when_and_how_stops_it_being_overdue_and_cannot_happen_twice()
    {
        var complaint = New();
        var now = Received.AddDays(40);

        complaint.Acknowledge(Received.AddDays(3), AcknowledgementMethod.Phone, "Dana", now);

        Assert.Equal(ComplaintStatus.Acknowledged, complaint.Status);
        Assert.Equal(Received.AddDays(3), complaint.AcknowledgedAt);
        Assert.Equal(AcknowledgementMethod.Phone, complaint.AcknowledgementMethod);
        Assert.False(complaint.IsOverdue(now));
        Assert.Equal(1, complaint.Version);
        Assert.Throws<DomainException>(() => complaint.Acknowledge(now, AcknowledgementMethod.Email, "Dana", now));
    }

    [Fact]
    public void An_acknowledgement_is_neither_before_the_complaint_nor_in_the_future()
    {
        var complaint = New();

        Assert.Equal("acknowledgedAt", Assert.Throws<DomainException>(() => complaint.Acknowledge(Received.AddMinutes(-1), AcknowledgementMethod.Letter, "Dana", Received.AddDays(1))).Field);
        Assert.Throws<DomainException>(() => complaint.Acknowledge(Received.AddDays(2), AcknowledgementMethod.Letter, "Dana", Received.AddDays(1)));
        Assert.Equal(ComplaintStatus.Received, complaint.Status);
    }

    [Fact]
    public void A_day_whose_time_is_not_known_is_the_start_of_that_london_day_and_days_alone_are_compared()
    {
        // Received 09:00 GMT on 2 November; acknowledged that same day, time not known: not "before it was received".
        var complaint = New();
        complaint.Acknowledge(Received.AddHours(5), AcknowledgementMethod.Letter, "Dana", Received.AddDays(1), timeUnknown: true);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero), complaint.AcknowledgedAt);
        Assert.True(complaint.AcknowledgedTimeUnknown);

        // Received on a day in summer, time not known: the start of that day in BST.
        var summer = new Complaint(Guid.NewGuid(), "CMP-2026-00002", Guid.NewGuid(), null, new DateTimeOffset(2026, 6, 10, 15, 0, 0, TimeSpan.Zero), Received,
            ComplaintChannel.Letter, "Jo Parent", null, "Parent", "Records shared", "Details", "Apology", "user", "Staff Member", receivedTimeUnknown: true);
        Assert.Equal(new DateTimeOffset(2026, 6, 9, 23, 0, 0, TimeSpan.Zero), summer.ReceivedAt);
        Assert.True(summer.ReceivedTimeUnknown);
        Assert.Equal("acknowledgedAt", Assert.Throws<DomainException>(() =>
            summer.Acknowledge(new DateTimeOffset(2026, 6, 9, 12, 0, 0, TimeSpan.Zero), AcknowledgementMethod.Letter, "Dana", Received)).Field);
        summer.Acknowledge(new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.Zero), AcknowledgementMethod.Letter, "Dana", Received);
        Assert.False(summer.AcknowledgedTimeUnknown);

        // A form gives minutes: acknowledged in the minute it arrived (09:00:40, typed as 09:00) is not "before".
        var arrived = new DateTimeOffset(2026, 11, 2, 9, 0, 40, TimeSpan.Zero);
        var sameMinute = new Complaint(Guid.NewGuid(), "CMP-2026-00003", Guid.NewGuid(), null, arrived, arrived, ComplaintChannel.Form, "Jo Parent", null,
            "Parent", "Records shared", "Details", "Apology", null, "online form");
        sameMinute.Acknowledge(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), AcknowledgementMethod.Email, "Dana", arrived.AddMinutes(1));
        Assert.Equal(ComplaintStatus.Acknowledged, sameMinute.Status);
    }

    [Theory]
    [InlineData(ComplaintOutcome.Upheld)]
    [InlineData(ComplaintOutcome.PartlyUpheld)]
    [InlineData(ComplaintOutcome.NotUpheld)]
    public void An_outcome_other_than_withdrawn_needs_the_acknowledgement_first(ComplaintOutcome outcome)
    {
        var complaint = New();

        Assert.Equal("outcome", Assert.Throws<DomainException>(() => complaint.RecordOutcome(outcome, "Found", "Dana", Received.AddDays(1))).Field);

        complaint.Acknowledge(Received.AddDays(1), AcknowledgementMethod.Email, "Dana", Received.AddDays(1));
        complaint.RecordOutcome(outcome, "Found", "Dana", Received.AddDays(9));
        Assert.Equal(ComplaintStatus.Closed, complaint.Status);
        Assert.Equal(outcome, complaint.Outcome);
        Assert.Throws<DomainException>(() => complaint.RecordOutcome(ComplaintOutcome.Withdrawn, "Again", "Dana", Received.AddDays(10)));
    }

    [Fact]
    public void A_withdrawn_complaint_closes_without_an_acknowledgement()
    {
        var complaint = New();

        complaint.RecordOutcome(ComplaintOutcome.Withdrawn, "The parent withdrew it by phone.", "Dana", Received.AddDays(1));

        Assert.Equal(ComplaintStatus.Closed, complaint.Status);
        Assert.False(complaint.IsOverdue(Received.AddDays(60)));
    }

    [Fact]
    public void A_breach_is_linked_once()
    {
        var complaint = New();
        complaint.LinkIncident(Guid.NewGuid());

        Assert.Throws<DomainException>(() => complaint.LinkIncident(Guid.NewGuid()));
    }

    [Fact]
    public void The_reference_is_CMP_year_and_five_digits() =>
        Assert.Equal("CMP-2026-00042", ComplaintReference.Format(2026, 42));
}
