using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Incidents.Domain.Audit;

/// <summary>
/// One step in an incident's history: who, when (UTC), what, before → after. Entries form one chain: each
/// carries the SHA-256 of its content and of the entry before it, so any change to a stored entry breaks the
/// chain from there on. The application only ever appends.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        ActorId = ActorName = Action = PreviousHash = Hash = string.Empty;
    }

    public AuditEntry(long sequence, Guid? incidentId, DateTimeOffset at, string actorId, string actorName, string action, string? before, string? after, string previousHash, Guid? agreementId = null, Guid? complaintId = null)
    {
        ComplaintId = complaintId;
        Sequence = sequence;
        IncidentId = incidentId;
        AgreementId = agreementId;
        At = at.ToUniversalTime();
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        Before = before;
        After = after;
        PreviousHash = previousHash;
        HashVersion = CurrentHashVersion;
        ActorNameDigest = Digest(actorName);
        BeforeDigest = Digest(before);
        AfterDigest = Digest(after);
        Hash = ComputeHash();
    }

    /// <summary>1: the hash covers the text of every field (entries written before retention). 2: it covers the SHA-256 of
    /// the actor's name and of before and after instead, each kept beside its text, so a retention deletion can remove
    /// that text (<see cref="Redact"/>) and the chain still verifies from the digests.</summary>
    public const int CurrentHashVersion = 2;

    public int HashVersion { get; private set; } = 1;
    public string? ActorNameDigest { get; private set; }
    public string? BeforeDigest { get; private set; }
    public string? AfterDigest { get; private set; }

    /// <summary>When a retention deletion removed the actor's name and before/after (their digests stay).</summary>
    public DateTimeOffset? RedactedAt { get; private set; }

    public const string RedactedActorName = "(removed at retention)";

    public bool CanBeRedacted => HashVersion >= 2;

    /// <summary>Removes the personal text of a version-2 entry; the digests, and so the hash, are unchanged.</summary>
    public void Redact(DateTimeOffset at)
    {
        if (!CanBeRedacted)
        {
            throw new InvalidOperationException("An entry written before retention support hashes its text and cannot be redacted.");
        }

        ActorName = RedactedActorName;
        Before = null;
        After = null;
        RedactedAt ??= at;
    }

    /// <summary>The hash matches, and (unless redacted, when the text must be gone) the text matches its digests.</summary>
    public bool IsIntact()
    {
        if (ComputeHash() != Hash)
        {
            return false;
        }

        if (HashVersion < 2)
        {
            return true;
        }

        return RedactedAt is null
            ? Digest(ActorName) == ActorNameDigest && Digest(Before) == BeforeDigest && Digest(After) == AfterDigest
            : Before is null && After is null && ActorName == RedactedActorName;
    }

    public static string? Digest(string? text) => text is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public long Sequence { get; private set; }
    public Guid? IncidentId { get; private set; }

    /// <summary>For a step of an agreement (suspension, reinstatement): the agreement.</summary>
    public Guid? AgreementId { get; private set; }

    /// <summary>For a step of a complaint: the complaint.</summary>
    public Guid? ComplaintId { get; private set; }

    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; }
    public string ActorName { get; private set; }
    public string Action { get; private set; }
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    /// <summary>SHA-256 over every field and the previous hash, each length-prefixed so fields cannot run into each other.</summary>
    public string ComputeHash()
    {
        var fields = new[]
        {
            Sequence.ToString(CultureInfo.InvariantCulture),
            IncidentId?.ToString("D"),
            AgreementId?.ToString("D"),
            At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            ActorId,
            HashVersion >= 2 ? ActorNameDigest : ActorName,
            Action,
            HashVersion >= 2 ? BeforeDigest : Before,
            HashVersion >= 2 ? AfterDigest : After,
            PreviousHash,
        };
        if (ComplaintId is not null)
        {
            // Appended only when set, so entries written before complaints existed keep their hashes.
            fields = [.. fields, "complaint:" + ComplaintId.Value.ToString("D")];
        }

        var canonical = new StringBuilder();
        foreach (var field in fields)
        {
            // A missing value is "-1:", which no string (whose length is never negative) can produce.
            canonical.Append((field?.Length ?? -1).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }
}

/// <summary>The end of the chain: the last sequence number and hash. Updating it first in a transaction
/// serialises appends, so two writers never fork the chain.</summary>
public sealed class AuditHead
{
    public const int SingletonId = 1;

    private AuditHead()
    {
        LastHash = AuditEntry.GenesisHash;
    }

    public AuditHead(long lastSequence, string lastHash)
    {
        Id = SingletonId;
        LastSequence = lastSequence;
        LastHash = lastHash;
    }

    public int Id { get; private set; }
    public long LastSequence { get; private set; }
    public string LastHash { get; private set; }
}
