using System.Text.Json.Serialization;
using Hangfire;
using Hangfire.Dashboard;
using Incidents.Application;
using Incidents.Application.Common.Behaviours;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Infrastructure;
using Incidents.Infrastructure.Persistence;
using Incidents.Infrastructure.Startup;
using Incidents.Web.Endpoints;
using Incidents.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

// The container's health check: `dotnet Incidents.Web.dll --health-probe http://127.0.0.1:8080/health/live`
// (the runtime image has no curl).
if (args is ["--health-probe", var probeUrl])
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
    try
    {
        return (await http.GetAsync(new Uri(probeUrl))).IsSuccessStatusCode ? 0 : 1;
    }
    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
    {
        return 1;
    }
}

// Started from another folder (`dotnet /opt/incidents/Incidents.Web.dll` from `/`), the app still finds its settings and
// static files: the content root defaults to the app's own folder unless one is given or the working folder is the app's.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Choose(args) });
ContentRoot.AnchorRelativePaths(builder.Configuration, builder.Environment.ContentRootPath);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    // Nothing a user sends needs more; larger bodies are refused before they are read.
    kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
    kestrel.AddServerHeader = false;
});

builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors = [typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(ConcurrencyBehaviour<,>)];
});
builder.Services.AddApplication();
builder.Services.AddInfrastructure(builder.Configuration);

builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, CurrentUser>();

builder.Services
    .AddIdentityApiEndpoints<ApplicationUser>(options =>
    {
        // NCSC: length over composition rules.
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.User.RequireUniqueEmail = true;
        // Guessing is throttled by account and client address (SignInThrottle), not by Identity's per-account lockout,
        // which would let anyone who knows an address lock its owner out.
        options.Lockout.AllowedForNewUsers = false;
        options.SignIn.RequireConfirmedAccount = false;
    })
    .AddRoles<IdentityRole>()
    .AddEntityFrameworkStores<IncidentsDbContext>()
    .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();

// An invitation's set-password link (a password reset token) works for 3 days.
builder.Services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(3));

builder.Services.AddAuthentication()
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

builder.AddSingleSignOn();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton(builder.Configuration.GetSection("SignIn").Get<SignInThrottleOptions>() ?? new SignInThrottleOptions());
builder.Services.AddSingleton<SignInThrottle>();
builder.Services.AddScoped<PasswordSignIn>();
builder.Services.AddSessionValidation();
builder.Services.AddForwardedHeadersFromConfiguration(builder.Configuration);

builder.Services.ConfigureApplicationCookie(options =>
{
    options.Cookie.Name = "incidents.auth";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Strict;
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    options.SlidingExpiration = true;
    options.ExpireTimeSpan = TimeSpan.FromHours(8);
    options.LoginPath = "/account/sign-in";
    options.LogoutPath = "/account/sign-out";
    options.AccessDeniedPath = "/account/access-denied";
    // The API answers 401/403; only pages redirect to the sign-in page.
    // The API answers 401/403; pages redirect with a relative address, so the Host header a client sends is never
    // reflected into a Location.
    options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
    options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
});

// Server-rendered pages (Pages/): cookie sign-in, antiforgery on every form, everything behind sign-in but the sign-in page.
builder.Services.AddRazorPages(options =>
{
    // Pages sign in with the cookie, so a signed-out browser is sent to the sign-in page (the API's default
    // scheme would answer a bare 401).
    options.Conventions.AuthorizeFolder("/", "Pages");
    // A NotFoundException or ForbiddenException a page lets through gets the 404 or 403 page (one place, not a catch per page).
    options.Conventions.ConfigureFilter(new Microsoft.AspNetCore.Mvc.TypeFilterAttribute(typeof(Incidents.Web.Pages.StatusPages)));
    options.Conventions.AllowAnonymousToPage("/Account/SignIn");
    options.Conventions.AllowAnonymousToPage("/Error");
    options.Conventions.AllowAnonymousToPage("/Account/RequestAccess");
    options.Conventions.AllowAnonymousToPage("/Account/AccessRequested");
    options.Conventions.AllowAnonymousToPage("/Account/SetPassword");
    // The report form also answers at an organisation's reporting link, signed out (the page model checks the link,
    // or sends a signed-out visitor of /incidents/report to sign in); the confirmation after it too.
    options.Conventions.AddPageRoute("/Incident/Report", "report/{token}");
    options.Conventions.AllowAnonymousToPage("/Incident/Report");
    options.Conventions.AllowAnonymousToPage("/ReportingLinks/Reported");
    options.Conventions.AddPageApplicationModelConvention("/Incident/Report", page =>
        page.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.ReportingLink)));
    // The evidence forms alone may send a file of Attachments:MaxBytes (every other request is capped at 1 MiB above).
    var maxAttachment = builder.Configuration.GetValue("Attachments:MaxBytes", Incidents.Domain.Evidence.Attachment.DefaultMaxBytes);
    foreach (var evidencePage in new[] { "/Incident/Attachments", "/Agreements/SuspensionEvidence" })
    {
        options.Conventions.AddPageApplicationModelConvention(evidencePage, page =>
            page.EndpointMetadata.Add(new AttachmentEndpoints.BodySizeLimit(maxAttachment + AttachmentEndpoints.MultipartOverhead)));
    }
});

// Everything needs a signed-in user unless it says otherwise (health, sign-in).
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy("Pages", new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().Build());

builder.Services.Configure<JsonOptions>(options =>
{
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
    options.SerializerOptions.Converters.Add(new LondonDateTimeOffsetConverter());
});

// Bad input (malformed JSON, unbindable values) is thrown to the exception handler, which answers ProblemDetails.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.AddIncidentRateLimits(builder.Configuration);
builder.Services.AddIncidentHealthChecks();
builder.Services.AddOpenApi();

// Structured JSON logs outside Development (ids and counts only: no personal data is logged).
if (!builder.Environment.IsDevelopment())
{
    builder.Logging.ClearProviders().AddJsonConsole();
}

// OpenTelemetry traces and metrics, exported by OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    builder.Services.AddOpenTelemetry()
        .ConfigureResource(resource => resource.AddService("sil-incidents"))
        .WithTracing(tracing => tracing
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddEntityFrameworkCoreInstrumentation())
        .WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation()
            .AddMeter(Incidents.Application.Common.IncidentsMetrics.MeterName))
        .UseOtlpExporter();
}

var app = builder.Build();

// First: behind the documented proxy, the client's address and scheme come from X-Forwarded-* sent by a known proxy
// (ForwardedHeaders:KnownProxies / KnownNetworks), so rate limits key on the client and HTTPS is seen as HTTPS.
app.UseForwardedHeaders();
// The API (and health, jobs) answers errors as ProblemDetails; a browser on a page address gets a GOV.UK error page.
app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error/500" });
app.UseWhen(ErrorPages.IsForPeople, pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
app.UseWhen(context => !ErrorPages.IsForPeople(context), api => api.UseStatusCodePages());
// Routing after the error middleware, so a re-executed /error/{code} is routed to its page.
app.UseRouting();
app.Use(async (context, next) =>
{
    // Security headers. The pages use no inline script or style, so the policy forbids them; the Hangfire
    // dashboard and the development API reference do use inline script and are only framed-protected.
    var headers = context.Response.Headers;
    headers.XContentTypeOptions = "nosniff";
    headers.XFrameOptions = "DENY";
    headers["Referrer-Policy"] = "same-origin";
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
    // Pages and API answers carry personal data: never stored by a browser or a shared cache. Static files set their own.
    context.Response.OnStarting(() =>
    {
        if (!context.Response.Headers.ContainsKey("Cache-Control"))
        {
            context.Response.Headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    });
    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/jobs") || context.Request.Path.StartsWithSegments("/scalar")
        ? "frame-ancestors 'none'"
        : "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";
    await next();
});
if (!app.Environment.IsDevelopment())
{
    // Sent only over HTTPS (TLS is terminated in front of the app or by Kestrel).
    app.UseHsts();
}

app.UseStaticFiles(new StaticFileOptions
{
    // The GOV.UK assets carry nothing personal and may be cached for a day (pages and API answers are no-store).
    OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public, max-age=86400",
});
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapHealthEndpoints();
app.MapAuthEndpoints();
app.MapOrganisationEndpoints();
app.MapIncidentEndpoints();
app.MapUserEndpoints();
app.MapTriageEndpoints();
app.MapAgreementEndpoints();
app.MapRegisterEndpoints();
app.MapAttachmentEndpoints(app.Services.GetRequiredService<Incidents.Application.Features.Evidence.AttachmentSettings>());
app.MapNoticeTemplateEndpoints();
app.MapNotificationEndpoints();
app.MapReportingLinkEndpoints();
app.MapComplaintEndpoints();
app.MapDiscrepancyEndpoints();
app.MapWebhookEndpoints();
app.MapRetentionEndpoints();
app.MapRazorPages();
app.MapSingleSignOn();

// The Hangfire dashboard: the DPO may look, only an admin may act (retry or delete jobs). Job arguments are ids only.
app.MapHangfireDashboard("/jobs", new DashboardOptions
{
    Authorization = [],
    IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(Roles.Admin),
    DisplayStorageConnectionString = false,
    DashboardTitle = "SIL Incidents jobs",
    AppPath = "/",
}, app.Services.GetRequiredService<JobStorage>())
    .RequireAuthorization(new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme).RequireRole(Roles.Dpo, Roles.Admin).Build());

// The OpenAPI document: open in Development (with the Scalar reference); elsewhere for signed-in administrators, so
// integrators can read the contract of the deployment they connect to.
if (app.Environment.IsDevelopment())
{
    app.MapOpenApi().AllowAnonymous();
    app.MapScalarApiReference().AllowAnonymous();
}
else
{
    app.MapOpenApi().RequireAuthorization(new AuthorizationPolicyBuilder().RequireRole(Roles.Admin).Build());
}

await DatabaseInitializer.InitialiseAsync(app.Services);

await app.RunAsync();
return 0;

static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
{
    if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
    {
        context.Response.StatusCode = status;
    }
    else
    {
        var target = new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute);
        context.Response.Redirect(target.IsAbsoluteUri ? target.PathAndQuery : context.RedirectUri);
    }

    return Task.CompletedTask;
}

/// <summary>The entry point, visible to WebApplicationFactory.</summary>
public partial class Program;
