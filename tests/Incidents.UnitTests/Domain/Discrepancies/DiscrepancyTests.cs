using Incidents.Domain.Common;
using Incidents.Domain.Discrepancies;
using Incidents.Domain.Timers;

namespace Incidents.UnitTests.Domain.Discrepancies;

/// <summary>Clause 9.6: only the provider records corrections; both parties confirm; nothing is confirmed before every
/// UPN has a correction; with both confirmations it is closed.</summary>
public sealed class DiscrepancyTests
{
    private static readonly Guid School = Guid.NewGuid();
    private static readonly Guid Sil = Guid.NewGuid();
    private static readonly DateTimeOffset Raised = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static Discrepancy ADiscrepancy(Guid? provider = null, params string[] upns) =>
        new(Guid.NewGuid(), "DSC-2026-00001", Guid.NewGuid(), School, Sil, School, provider ?? Sil, "Date of birth", "Found in the census return.",
            "user-1", "Pat Analyst", Raised, 10,
            (upns.Length == 0 ? ["B801200005001", "E341123456789"] : upns).Select(u => (Upn.Parse(u).Upn!, (string?)"01/02/2019", (string?)null)));

    [Fact]
    public void A_new_discrepancy_is_open_with_its_rows_and_due_in_ten_working_days()
    {
        var d = ADiscrepancy();

        Assert.Equal(DiscrepancyStatus.Open, d.Status);
        Assert.Equal(["B801200005001", "E341123456789"], d.Rows.Select(r => r.Upn));
        Assert.Equal(new DateOnly(2026, 12, 14), d.DueDate);
        Assert.False(d.IsOverdue(Raised.AddDays(14)));
        Assert.True(d.IsOverdue(new DateTimeOffset(2026, 12, 15, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Only_the_provider_records_corrections()
    {
        var d = ADiscrepancy(provider: Sil);

        var refused = Assert.Throws<DomainException>(() => d.RecordCorrection(School, "B801200005001", "02/01/2019", null, "Harriet", Raised));
        Assert.Contains("provided the data", refused.Message, StringComparison.Ordinal);
        Assert.True(d.MayCorrect(Sil));
        Assert.False(d.MayCorrect(School));
        Assert.Null(d.Rows[0].Correction);
    }

    [Fact]
    public void Confirming_before_every_upn_has_a_correction_is_refused_with_a_clear_message()
    {
        var d = ADiscrepancy();
        d.RecordCorrection(Sil, "B801200005001", "02/01/2019", "01/02/2019", "Sam", Raised);

        var refused = Assert.Throws<DomainException>(() => d.Confirm(School, "Harriet", Raised));

        Assert.Equal("There is nothing to confirm yet: the provider has not recorded a correction for 1 of the 2 UPNs.", refused.Message);
        Assert.Equal("confirmation", refused.Field);
        Assert.Equal(DiscrepancyStatus.Open, d.Status);
    }

    [Fact]
    public void Both_parties_confirm_and_then_it_is_closed()
    {
        var d = ADiscrepancy();
        d.RecordCorrection(Sil, "B801200005001", "02/01/2019", null, "Sam", Raised);
        d.RecordCorrection(Sil, "E341123456789", "Record matched after checking", null, "Sam", Raised);
        Assert.Equal(DiscrepancyStatus.AwaitingConfirmation, d.Status);

        Assert.False(d.Confirm(School, "Harriet", Raised.AddHours(1)));
        Assert.Equal(DiscrepancyStatus.AwaitingConfirmation, d.Status);
        Assert.Throws<DomainException>(() => d.Confirm(School, "Harriet", Raised.AddHours(1)));

        Assert.True(d.Confirm(Sil, "Sam", Raised.AddHours(2)));
        Assert.Equal(DiscrepancyStatus.Closed, d.Status);
        Assert.Equal(Raised.AddHours(2), d.ClosedAt);
        Assert.False(d.IsOverdue(Raised.AddDays(60)));
        Assert.Throws<DomainException>(() => d.RecordCorrection(Sil, "B801200005001", "again", null, "Sam", Raised));
    }

    [Fact]
    public void A_changed_correction_withdraws_the_confirmations_given()
    {
        var d = ADiscrepancy(Sil, "B801200005001");
        d.RecordCorrection(Sil, "B801200005001", "02/01/2019", null, "Sam", Raised);
        d.Confirm(School, "Harriet", Raised);

        d.RecordCorrection(Sil, "B801200005001", "03/01/2019", null, "Sam", Raised);

        Assert.False(d.HasConfirmed(School));
        Assert.Equal("03/01/2019", d.Rows[0].Correction);
    }

    [Fact]
    public void A_party_outside_the_agreement_can_neither_be_the_provider_nor_confirm()
    {
        Assert.Throws<DomainException>(() => ADiscrepancy(provider: Guid.NewGuid()));
        var d = ADiscrepancy(Sil, "B801200005001");
        d.RecordCorrection(Sil, "B801200005001", "x", null, "Sam", Raised);
        Assert.Throws<DomainException>(() => d.Confirm(Guid.NewGuid(), "Someone", Raised));
    }

    [Fact]
    public void A_upn_not_in_the_discrepancy_cannot_be_corrected()
    {
        var d = ADiscrepancy(Sil, "B801200005001");

        var refused = Assert.Throws<DomainException>(() => d.RecordCorrection(Sil, "E341123456789", "x", null, "Sam", Raised));
        Assert.Contains("not one of the UPNs", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reminders_are_at_nine_on_the_working_day_before_and_after_the_due_date()
    {
        var d = ADiscrepancy();

        var plan = DiscrepancyReminder.For(d, Raised, Guid.NewGuid);

        Assert.All(plan, t => Assert.Equal(TimerKinds.DiscrepancyReminder, t.Kind));
        Assert.Equal([DiscrepancyReminder.DueSoon, DiscrepancyReminder.Overdue], plan.Select(t => t.Argument));
        Assert.Equal(new DateTimeOffset(2026, 12, 11, 9, 0, 0, TimeSpan.Zero), plan[0].DueAt); // Friday 11 December, 09:00 GMT
        Assert.Equal(new DateTimeOffset(2026, 12, 15, 9, 0, 0, TimeSpan.Zero), plan[1].DueAt); // Tuesday 15 December
    }

    [Fact]
    public void References_are_numbered_per_year()
    {
        Assert.Equal("DSC-2026-00042", DiscrepancyReference.Format(2026, 42));
    }
}
