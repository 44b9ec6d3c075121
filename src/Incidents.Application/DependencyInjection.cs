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
        services.AddSingleton<Common.YearCounterRows>();
        services.AddScoped<Features.Incidents.ReportLookups>();
        services.AddScoped<Features.Agreements.SuspensionNotices>();
        AddTimers(services);
        services.AddScoped<Features.Users.AccountNotices>();
        services.AddScoped<Common.Interfaces.IInviteLinks, Features.AccessRequests.InviteLinks>();
        services.AddMetrics();
        services.AddSingleton<Common.IncidentsMetrics>();
        return services;
    }

    /// <summary>The one timer mechanism: one handler per <see cref="Domain.Timers.TimerKinds"/> kind (checked at start-up
    /// by <see cref="Common.Timers.TimerHandlerRegistry"/>), and the calendar clocks' planners.</summary>
    private static void AddTimers(IServiceCollection services)
    {
        // A factory: the container would otherwise pick the constructor that also takes the kinds (as an empty list).
        services.AddScoped(sp => new Common.Timers.TimerHandlerRegistry(sp.GetServices<Common.Timers.ITimerHandler>()));
        services.AddScoped<Common.Timers.TimerRequests>();
        services.AddScoped<Features.Timers.TimerReconciler>();
        services.AddScoped<Common.Timers.ITimerHandler, Features.Triage.IcoReminderTimerHandler>();
        services.AddScoped<Common.Timers.ITimerHandler, Features.Agreements.SuspensionReminderTimerHandler>();
        services.AddScoped<Common.Timers.ITimerHandler, Features.Agreements.SuspensionReinstatementTimerHandler>();
        services.AddScoped<Common.Timers.ITimerHandler, Features.Agreements.ReviewReminderTimerHandler>();
        services.AddScoped<Common.Timers.ITimerPlanner, Features.Agreements.ReviewTimerPlanner>();
        services.AddScoped<Common.Timers.ITimerHandler, Features.Complaints.ComplaintReminderTimerHandler>();
        services.AddScoped<Features.Complaints.ComplaintIntake>();
        services.AddScoped<Common.Timers.ITimerHandler, Features.Discrepancies.DiscrepancyReminderTimerHandler>();
        services.AddScoped<Features.Discrepancies.DiscrepancyNotices>();
        services.AddScoped<Common.Timers.ITimerHandler, Features.Retention.RetentionReviewTimerHandler>();
        services.AddScoped<Common.Timers.ITimerPlanner, Features.Retention.RetentionReviewTimerPlanner>();
    }
}
