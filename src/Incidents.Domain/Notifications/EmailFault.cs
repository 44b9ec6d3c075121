namespace Incidents.Domain.Notifications;

/// <summary>
/// The email relay is set up wrongly for us (its certificate does not validate, our credentials or our sender are
/// refused): no notice can go until someone fixes it. Open while <see cref="ClearedAt"/> is null. Notices stay owed
/// meanwhile; one send per <c>Notifications:FaultRetryDelay</c> tries the relay again (the one that wins
/// <see cref="LastTriedAt"/>), and the first that gets through clears the fault.
/// </summary>
public sealed class EmailFault
{
    public const int ReasonMaxLength = 1000;

    private EmailFault()
    {
        Reason = string.Empty;
    }

    public EmailFault(Guid id, string reason, DateTimeOffset since)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Id = id;
        Reason = Truncate(reason);
        Since = since;
        LastTriedAt = since;
    }

    public Guid Id { get; private set; }

    /// <summary>What is wrong, as precisely as the relay let us see it.</summary>
    public string Reason { get; private set; }

    public DateTimeOffset Since { get; private set; }

    /// <summary>When a send last tried the relay while the fault was open.</summary>
    public DateTimeOffset LastTriedAt { get; private set; }

    public DateTimeOffset? ClearedAt { get; private set; }

    public static string Truncate(string reason) =>
        reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason;
}
