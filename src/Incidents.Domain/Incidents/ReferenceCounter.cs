using Incidents.Domain.Common;
namespace Incidents.Domain.Incidents;

/// <summary>The last reference number given out in a year. Incremented inside the reporting transaction,
/// so a rolled-back report leaves no gap and two reports never share a number.</summary>
public sealed class ReferenceCounter : IYearCounter
{
    private ReferenceCounter()
    {
    }

    public ReferenceCounter(int year, int lastNumber)
    {
        Year = year;
        LastNumber = lastNumber;
    }

    public int Year { get; private set; }
    public int LastNumber { get; private set; }
}
