namespace Incidents.Domain.Common;

/// <summary>The last number of a gapless per-year series (incident, complaint and discrepancy references).</summary>
public interface IYearCounter
{
    int Year { get; }

    int LastNumber { get; }
}
