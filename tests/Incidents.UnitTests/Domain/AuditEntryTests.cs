using Incidents.Domain.Audit;

namespace Incidents.UnitTests.Domain;

public sealed class AuditEntryTests
{
    private static readonly Guid IncidentId = Guid.Parse("0b8f2c1e-5d4a-4f3b-9c2d-1e0f9a8b7c6d");
    private static readonly DateTimeOffset At = new(2026, 5, 12, 10, 0, 0, TimeSpan.Zero);
    private const string PreviousHash = "aa4f0e5d2c1b0a9988776655443322110ffeeddccbbaa99887766554433221100";

    private static AuditEntry Entry(
        long sequence = 7,
        Guid? incidentId = null,
        DateTimeOffset? at = null,
        string actorId = "dpo-1",
        string actorName = "Dana Protection",
        string action = "Triaged",
        string? before = """{"status":"Reported"}""",
        string? after = """{"status":"Triaged"}""",
        string previousHash = PreviousHash,
        bool noIncident = false) =>
        new(sequence, noIncident ? null : incidentId ?? IncidentId, at ?? At, actorId, actorName, action, before, after, previousHash);

    [Fact]
    public void The_hash_is_64_lower_case_hex_characters()
    {
        Assert.Matches("^[0-9a-f]{64}$", Entry().Hash);
    }

    [Fact]
    public void The_hash_is_the_same_for_the_same_fields()
    {
        var first = Entry();
        var second = Entry();

        Assert.Equal(first.Hash, second.Hash);
        Assert.Equal(first.Hash, first.ComputeHash());
    }

    [Fact]
    public void The_same_instant_given_with_another_offset_hashes_the_same_and_is_stored_in_utc()
    {
        var inBst = Entry(at: At.ToOffset(TimeSpan.FromHours(1)));

        Assert.Equal(Entry().Hash, inBst.Hash);
        Assert.Equal(TimeSpan.Zero, inBst.At.Offset);
    }

    [Theory]
    [InlineData("sequence")]
    [InlineData("incident id")]
    [InlineData("no incident")]
    [InlineData("time")]
    [InlineData("actor id")]
    [InlineData("actor name")]
    [InlineData("action")]
    [InlineData("before")]
    [InlineData("after")]
    [InlineData("previous hash")]
    public void Changing_any_one_field_changes_the_hash(string field)
    {
        var changed = field switch
        {
            "sequence" => Entry(sequence: 8),
            "incident id" => Entry(incidentId: Guid.Parse("0b8f2c1e-5d4a-4f3b-9c2d-1e0f9a8b7c6e")),
            "no incident" => Entry(noIncident: true),
            "time" => Entry(at: At.AddTicks(1)),
            "actor id" => Entry(actorId: "dpo-2"),
            "actor name" => Entry(actorName: "Dana Protectio"),
            "action" => Entry(action: "Edited"),
            "before" => Entry(before: """{"status":"Closed"}"""),
            "after" => Entry(after: """{"status":"Closed"}"""),
            "previous hash" => Entry(previousHash: AuditEntry.GenesisHash),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        Assert.NotEqual(Entry().Hash, changed.Hash);
    }

    [Fact]
    public void Text_moved_from_one_field_to_the_next_changes_the_hash()
    {
        var original = Entry(actorId: "dpo-1", actorName: "Dana");
        var shifted = Entry(actorId: "dpo-1Dana", actorName: string.Empty);

        Assert.NotEqual(original.Hash, shifted.Hash);
    }

    [Fact]
    public void No_before_hashes_differently_from_an_empty_before()
    {
        Assert.NotEqual(Entry(before: null).Hash, Entry(before: string.Empty).Hash);
    }

    [Fact]
    public void No_after_hashes_differently_from_an_empty_after()
    {
        Assert.NotEqual(Entry(after: null).Hash, Entry(after: string.Empty).Hash);
    }

    [Fact]
    public void No_before_hashes_differently_from_a_before_of_one_nul_character()
    {
        // Turning a stored NULL into a one-character "\0" is a change to the entry, so it must break the chain.
        Assert.NotEqual(Entry(before: null).Hash, Entry(before: "\0").Hash);
    }

    [Fact]
    public void An_entry_changed_after_it_was_written_no_longer_matches_its_hash()
    {
        var entry = Entry();
        var stored = entry.Hash;

        typeof(AuditEntry).GetProperty(nameof(AuditEntry.Action))!.SetValue(entry, "Edited");

        Assert.NotEqual(stored, entry.ComputeHash());
        Assert.Equal(stored, entry.Hash);
    }
}
