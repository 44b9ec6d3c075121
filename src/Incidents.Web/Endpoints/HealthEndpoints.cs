using System.Globalization;
using Hangfire;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Common;
using Incidents.Infrastructure.Email;
using Incidents.Infrastructure.Persistence;
using Mediator;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Incidents.Web.Endpoints;

internal static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddIncidentHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<JobStorageHealthCheck>("jobs", tags: [ReadyTag])
            .AddCheck<SmtpHealthCheck>("smtp", failureStatus: HealthStatus.Degraded, tags: [ReadyTag])
            .AddCheck<NotificationsHealthCheck>("notifications", failureStatus: HealthStatus.Degraded, tags: [ReadyTag]);
        return services;
    }

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: it can reach its database.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        // Degraded (still 200) when only email is in trouble: notices stay owed, so the app can take reports.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteAsync,
        }).AllowAnonymous();
    }

    /// <summary>Anyone gets the status; only SIL's DPO and admins (signed in) get each check and its reason, which may
    /// name the relay, its certificate and the sender address.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || !(user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin)))
        {
            return context.Response.WriteAsJsonAsync(new { status = report.Status.ToString() });
        }

        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        });
    }

    private sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var connection = storage.GetConnection();
                _ = connection.GetAllItemsFromSet("recurring-jobs");
                return Task.FromResult(HealthCheckResult.Healthy());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("The job storage cannot be reached."));
            }
        }
    }

    /// <summary>Can a session with the relay be opened? From <see cref="SmtpProbe"/>, which reuses one answer for
    /// Email:Smtp:ProbeCacheSeconds. Healthy when email goes to the pickup folder.</summary>
    private sealed class SmtpHealthCheck(SmtpProbe probe) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var result = await probe.CheckAsync(cancellationToken);
            var checkedAt = LondonTime.Format(result.CheckedAt);
            return result.Failure switch
            {
                null => HealthCheckResult.Healthy(result.Description),
                EmailFailureKind.Configuration => HealthCheckResult.Degraded($"Configuration fault (checked {checkedAt}): {result.Description}. Notices are kept until it is fixed."),
                _ => HealthCheckResult.Degraded($"Cannot be reached (checked {checkedAt}): {result.Description}. Notices are kept and retried."),
            };
        }
    }

    /// <summary>Are notices going out? From the same query as the email banners: an open relay fault, or notices owed
    /// for longer than Notifications:StuckAfter.</summary>
    private sealed class NotificationsHealthCheck(ISender sender) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var status = await sender.Send(new EmailStatusQuery(ForHealthCheck: true), cancellationToken);
            var problems = new List<string>();
            if (status.Fault is { } fault)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Email is not being delivered: {fault.Reason ?? "a configuration fault of the relay"} (since {LondonTime.Format(fault.Since)}; {status.Waiting} notice(s) waiting)"));
            }

            if (status.Stuck > 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{status.Stuck} notice(s) have waited longer than {status.StuckAfter} (oldest since {LondonTime.Format(status.OldestWaitingSince ?? default)})"));
            }

            return problems.Count == 0
                ? HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"{status.Waiting} notice(s) waiting."))
                : HealthCheckResult.Degraded(string.Join(" ", problems));
        }
    }

    private sealed class DatabaseHealthCheck(IncidentsDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database cannot be reached.");
    }
}
