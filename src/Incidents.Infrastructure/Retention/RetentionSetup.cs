using Incidents.Application.Features.Retention;
using Incidents.Domain.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Infrastructure.Retention;

internal static class RetentionSetup
{
    public static void AddRetention(IServiceCollection services, IConfiguration configuration)
    {
        var years = configuration.GetValue("Retention:YearsAfterClosure", RetentionRule.DefaultYearsAfterClosure);
        if (years is < 0 or > 100)
        {
            throw new InvalidOperationException("Retention:YearsAfterClosure must be between 0 and 100.");
        }

        services.AddSingleton(new RetentionSettings { YearsAfterClosure = years });
    }
}
