using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.Application;

public static class DependencyInjection
{
    /// <summary>Validators of this assembly. The mediator itself is generated and registered in the host.</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddScoped<Common.Audit.IAuditTrail, Common.Audit.AuditTrail>();
        services.AddScoped<Features.Triage.IncidentEditor>();
        services.AddScoped<Features.Agreements.SuspensionNotices>();
        services.AddScoped<Features.Users.AccountNotices>();
        services.AddMetrics();
        services.AddSingleton<Common.IncidentsMetrics>();
        return services;
    }
}
