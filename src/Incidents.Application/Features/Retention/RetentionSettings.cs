using Incidents.Application.Common.Security;
using Incidents.Domain.Retention;

namespace Incidents.Application.Features.Retention;

/// <summary><c>Retention:YearsAfterClosure</c> (6): how long a closed incident is kept before it is reviewed.</summary>
public sealed class RetentionSettings
{
    public int YearsAfterClosure { get; init; } = RetentionRule.DefaultYearsAfterClosure;
}
