using Incidents.Application.Common.Security;
namespace Incidents.Application.Features.Discrepancies;

/// <summary>Discrepancies:ResolveWithinWorkingDays (default 10): the provider's time to resolve a discrepancy, in London
/// working days (Monday to Friday, not England and Wales bank holidays) after the day it is raised.</summary>
public sealed class DiscrepancySettings
{
    public const int DefaultResolveWithinWorkingDays = 10;

    public int ResolveWithinWorkingDays { get; init; } = DefaultResolveWithinWorkingDays;
}
