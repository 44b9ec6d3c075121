using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Behaviours;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Audit;
using Incidents.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Incidents.UnitTests.Application.Triage;

public sealed class VerifyAuditTrailHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<ICurrentUser> _dpo = new();
    private readonly Mock<ICurrentUser> _system = new();

    public VerifyAuditTrailHandlerTests()
    {
        _dpo.Setup(u => u.IsAuthenticated).Returns(true);
        _dpo.Setup(u => u.UserId).Returns("dpo-1");
        _dpo.Setup(u => u.DisplayName).Returns("Dana Protection");
        _dpo.SetupGet(u => u.IsAuthenticated).Returns(true);
        _dpo.Setup(u => u.IsInRole(It.IsAny<string>())).Returns(false);
        _dpo.Setup(u => u.IsInRole(Roles.Dpo)).Returns(true);
        _system.Setup(u => u.IsAuthenticated).Returns(false);
    }

    public void Dispose() => _database.Dispose();

    /// <summary>Appends one entry the way a handler does: inside the transaction of the change it records.</summary>
    private async Task AppendAsync(ICurrentUser user, Guid? incidentId, string action, object? before, object? after)
    {
        var db = _database.Db;
        await using var tx = await db.Database.BeginTransactionAsync();
        await new AuditTrail(db, user, _time).AppendAsync(incidentId, action, before, after, CancellationToken.None);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        db.ChangeTracker.Clear();
        _time.Advance(TimeSpan.FromMinutes(5));
    }

    /// <summary>Three entries: a report by the system, then a triage and a decision by the DPO.</summary>
    private async Task<Guid> AppendThreeAsync()
    {
        var incident = _database.AddIncident(Now.AddHours(-1));
        await AppendAsync(_system.Object, incident.Id, "Reported", null, new { incident.Reference });
        await AppendAsync(_dpo.Object, incident.Id, "Triaged", new { Status = "Reported" }, new { Status = "Triaged" });
        await AppendAsync(_dpo.Object, incident.Id, "Decided", new { Decision = (string?)null }, new { Decision = "ReportToIco" });
        return incident.Id;
    }

    /// <summary>Through the declared access check, as the mediator sends it, then the handler.</summary>
    private Task<AuditVerification> VerifyAsync(ICurrentUser? user = null) =>
        new AuthorizationBehaviour<VerifyAuditTrailQuery, AuditVerification>(user ?? _dpo.Object)
            .Handle(new VerifyAuditTrailQuery(), (q, ct) => new VerifyAuditTrailHandler(_database.Db).Handle(q, ct), CancellationToken.None).AsTask();

    private List<AuditEntry> Entries()
    {
        using var context = _database.NewContext();
        return context.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToList();
    }

    [Fact]
    public async Task An_empty_trail_is_valid()
    {
        var result = await VerifyAsync();

        Assert.Equal(new AuditVerification(true, 0, null, null), result);
    }

    [Fact]
    public async Task Appended_entries_form_a_chain_from_the_genesis_hash()
    {
        await AppendThreeAsync();

        var entries = Entries();

        Assert.Equal([1L, 2L, 3L], entries.Select(e => e.Sequence));
        Assert.Equal(AuditEntry.GenesisHash, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
        Assert.Equal(("system", "Incidents (automatic)"), (entries[0].ActorId, entries[0].ActorName));
        Assert.Equal(("dpo-1", "Dana Protection"), (entries[1].ActorId, entries[1].ActorName));
        Assert.Null(entries[0].Before);
        Assert.Equal(Now.AddMinutes(5), entries[1].At);
    }

    [Fact]
    public async Task An_untouched_trail_of_three_entries_is_valid()
    {
        await AppendThreeAsync();

        var result = await VerifyAsync();

        Assert.True(result.Valid, result.Problem);
        Assert.Equal(3, result.EntriesChecked);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Null(result.Problem);
    }

    [Fact]
    public async Task Changing_the_action_of_the_second_entry_is_reported_at_the_second_entry()
    {
        await AppendThreeAsync();
        _database.Db.Database.ExecuteSqlRaw("UPDATE AuditEntries SET Action = 'Edited' WHERE Sequence = 2");

        var result = await VerifyAsync();

        Assert.False(result.Valid);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal(1, result.EntriesChecked);
        Assert.Contains("does not match its hash", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_an_entry_and_rehashing_it_is_reported_at_the_next_entry()
    {
        await AppendThreeAsync();
        var second = Entries()[1];
        var forged = new AuditEntry(second.Sequence, second.IncidentId, second.At, second.ActorId, second.ActorName, "Edited", second.Before, second.After, second.PreviousHash);
        _database.Db.AuditEntries.Where(e => e.Sequence == 2)
            .ExecuteUpdate(s => s.SetProperty(e => e.Action, "Edited").SetProperty(e => e.Hash, forged.Hash));

        var result = await VerifyAsync();

        Assert.False(result.Valid);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Contains("link to the entry before it", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_last_entry_is_reported_as_the_chain_ending_early()
    {
        await AppendThreeAsync();
        _database.Db.Database.ExecuteSqlRaw("DELETE FROM AuditEntries WHERE Sequence = 3");

        var result = await VerifyAsync();

        Assert.False(result.Valid);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(2, result.EntriesChecked);
        Assert.Contains("ends early", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_middle_entry_is_reported_as_missing()
    {
        await AppendThreeAsync();
        _database.Db.Database.ExecuteSqlRaw("DELETE FROM AuditEntries WHERE Sequence = 2");

        var result = await VerifyAsync();

        Assert.False(result.Valid);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal("Entry 2 is missing.", result.Problem);
    }

    [Fact]
    public async Task An_administrator_may_verify_the_trail()
    {
        await AppendThreeAsync();
        var admin = new Mock<ICurrentUser>();
        admin.SetupGet(u => u.IsAuthenticated).Returns(true);
        admin.Setup(u => u.IsInRole(It.IsAny<string>())).Returns(false);
        admin.Setup(u => u.IsInRole(Roles.Admin)).Returns(true);

        var result = await VerifyAsync(admin.Object);

        Assert.True(result.Valid);
        Assert.Equal(3, result.EntriesChecked);
    }

    [Theory]
    [InlineData(Roles.Reporter)]
    [InlineData(Roles.DesignatedOfficer)]
    public async Task Other_roles_may_not_verify_the_trail(string role)
    {
        var user = new Mock<ICurrentUser>();
        user.SetupGet(u => u.IsAuthenticated).Returns(true);
        user.Setup(u => u.IsInRole(It.IsAny<string>())).Returns(false);
        user.Setup(u => u.IsInRole(role)).Returns(true);

        await Assert.ThrowsAsync<ForbiddenException>(() => VerifyAsync(user.Object));
    }

    [Fact]
    public async Task Appending_outside_a_transaction_is_refused()
    {
        var trail = new AuditTrail(_database.Db, _dpo.Object, _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            trail.AppendAsync(null, "Reported", null, null, CancellationToken.None));
        Assert.Empty(Entries());
    }
}
