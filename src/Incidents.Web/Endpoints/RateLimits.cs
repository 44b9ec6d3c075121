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

    /// <summary>The report form at a reporting link (/report/{token}, signed out): per client address here, and per link
    /// in the global limiter below. The signed-in form at /incidents/report is not limited by it.</summary>
    public const string ReportingLink = "reporting-link";

    /// <summary>How many buckets the per-link limit has at most (the first 16 bits of the token's SHA-256), so random
    /// tokens cannot make it remember without bound; a real link has a bucket to itself but for a rare collision.</summary>
    public const int ReportingLinkBuckets = 65_536;

    private static string? LinkToken(HttpContext http) =>
        http.Request.RouteValues.TryGetValue("token", out var token) && token is string value && http.Request.Path.StartsWithSegments("/report") ? value : null;

    /// <summary>The per-link bucket of a token: bounded in number whatever is sent.</summary>
    public static string LinkBucket(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token.Length > 256 ? token[..256] : token));
        return ((hash[0] << 8) | hash[1]).ToString(CultureInfo.InvariantCulture);
    }
    /// <summary>The public complaint form (no account): sending it, per client address.</summary>
    public const string PublicComplaint = "public-complaint";

    /// <summary>The request-access form (no account) and an invitation's set-password page: sending them, per client address.</summary>
    public const string AccessRequest = "access-request";

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
        var linkPerAddress = configuration.GetValue("RateLimits:ReportingLinkPerAddressPerMinute", 20);
        var linkPerLink = configuration.GetValue("RateLimits:ReportingLinkPerLinkPerMinute", 60);
        var publicComplaintsPerHour = configuration.GetValue("RateLimits:PublicComplaintsPerHour", 10);
        var accessRequestsPerHour = configuration.GetValue("RateLimits:AccessRequestsPerHour", 10);
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

            // A reporting link, signed out: per client address (every request to /report/..., GET or POST, so guessing
            // tokens is as slow as reporting) ...
            options.AddPolicy(ReportingLink, http => LinkToken(http) is null
                ? RateLimitPartition.GetNoLimiter("signed-in form")
                : RateLimitPartition.GetFixedWindowLimiter(
                    "address:" + ClientAddress(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = linkPerAddress, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

            // ... and per link, whoever sends it (many addresses cannot flood one school's link past this either).
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => LinkToken(http) is { } token
                ? RateLimitPartition.GetFixedWindowLimiter(
                    "link:" + LinkBucket(token),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = linkPerLink, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("other"));

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

            // Sending the request-access form or setting an invited password, by client address (showing them is not
            // limited). Like every policy here, the partitions are fixed windows keyed on the address, which the
            // limiter drops once idle, so memory stays bounded.
            options.AddPolicy(AccessRequest, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(
                    "access:" + ClientAddress(http),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = accessRequestsPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
        });
        return services;
    }
}
