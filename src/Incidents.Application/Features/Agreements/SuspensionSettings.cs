using Incidents.Domain.Agreements;

namespace Incidents.Application.Features.Agreements;

/// <summary>Suspension:Period (default 30 days; whole days are London calendar days) and
/// Suspension:ReminderOffsets (default 7 days and 1 day before the end). A new agreement version can change them.</summary>
public sealed class SuspensionSettings
{
    public TimeSpan Period { get; init; } = SuspensionCalendar.DefaultPeriod;

    public IReadOnlyList<TimeSpan> ReminderOffsets { get; init; } = [TimeSpan.FromDays(7), TimeSpan.FromDays(1)];
}
