using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Incidents.Web.Endpoints;

/// <summary>Rate limits on what a stranger or a runaway script could hammer, keyed on the client's address as the
/// forwarded-headers middleware sees it (so behind the documented proxy each client has its own bucket). Limits come
/// from configuration (RateLimits:*).</summary>
internal static class RateLimits
{
    /// <summary>Every way to present a password: the sign-in page, the API's login, refresh and password change.</summary>
    public const string Password = "password";
    public const string Report = "report";
    public const string Gate = "gate";

    /// <summary>The public complaint form (no account): sending it, per client address.</summary>
    public const string PublicComplaint = "public-complaint";

    /// <summary>The client's address (after forwarded headers from a known proxy are applied).</summary>
    public static string ClientAddress(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    public static IServiceCollection AddIncidentRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var passwordPerMinute = configuration.GetValue("RateLimits:SignInPerMinute", 20);
        var reportsPerMinute = configuration.GetValue("RateLimits:ReportsPerMinute", 60);
        var gatePerMinute = configuration.GetValue("RateLimits:SharingGatePerMinute", 600);
        var publicComplaintsPerHour = configuration.GetValue("RateLimits:PublicComplaintsPerHour", 10);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return ValueTask.CompletedTask;
            };

            // Only what carries a password counts: showing the sign-in page (GET) is not limited.
            options.AddPolicy(Password, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    ClientAddress(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = passwordPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.AddPolicy(Report, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.Identity?.Name ?? ClientAddress(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = reportsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

            // By client address, whatever key is sent: a fresh random key per request is no way around it.
            options.AddPolicy(Gate, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = gatePerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

            // Sending the public complaint form, by client address (showing the form is not limited).
            options.AddPolicy(PublicComplaint, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    ClientAddress(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = publicComplaintsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
        return services;
    }
}
