using System.Diagnostics.Metrics;

namespace Incidents.Application.Common;

/// <summary>
/// The product's own metrics (meter "Incidents"): notices sent and failed, the age of the oldest notice still owed,
/// and timers past due. Counts and ids only, never personal data. The gauges are refreshed by the reconciler
/// every minute, so collecting them costs no query.
/// </summary>
public sealed class IncidentsMetrics : IDisposable
{
    public const string MeterName = "Incidents";

    private readonly Meter _meter;
    private readonly Counter<long> _sent;
    private readonly Counter<long> _failed;
    private double _oldestPendingSeconds;
    private long _overdueTimers;

    public IncidentsMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _sent = _meter.CreateCounter<long>("incidents.notifications.sent", description: "Notices accepted by the mail server");
        _failed = _meter.CreateCounter<long>("incidents.notifications.failed", description: "Notices given up on (the DPO is alerted)");
        _meter.CreateObservableGauge("incidents.notifications.oldest_pending_age", () => Volatile.Read(ref _oldestPendingSeconds), unit: "s",
            description: "How long the oldest notice still owed has been waiting");
        _meter.CreateObservableGauge("incidents.timers.overdue", () => Interlocked.Read(ref _overdueTimers),
            description: "Reminder and reinstatement timers past due and not yet fired");
    }

    public void Sent(string type) => _sent.Add(1, new KeyValuePair<string, object?>("type", type));

    public void Failed(string type) => _failed.Add(1, new KeyValuePair<string, object?>("type", type));

    public void Observe(TimeSpan oldestPending, long overdueTimers)
    {
        Volatile.Write(ref _oldestPendingSeconds, Math.Max(0, oldestPending.TotalSeconds));
        Interlocked.Exchange(ref _overdueTimers, overdueTimers);
    }

    public void Dispose() => _meter.Dispose();
}
