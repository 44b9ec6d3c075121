namespace Incidents.Web.Infrastructure;

/// <summary>Which requests are a person's browser on a page (an HTML error page) rather than a program (ProblemDetails).</summary>
internal static class ErrorPages
{
    public static bool IsForPeople(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        return !path.StartsWithSegments("/api") && !path.StartsWithSegments("/health") && !path.StartsWithSegments("/jobs")
               && !path.StartsWithSegments("/openapi") && !path.StartsWithSegments("/scalar");
    }
}
