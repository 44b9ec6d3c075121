using Incidents.Application.Features.Webhooks;
using Incidents.Domain.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Incidents.Infrastructure.Webhooks;

internal static class WebhookSetup
{
    /// <summary><c>Webhooks:*</c> settings, the signer/sender, the protector, the jobs.</summary>
    public static void AddWebhooks(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Webhooks");
        var defaults = new WebhookSettings();
        var timeout = TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", defaults.Timeout.TotalSeconds));
        var lease = section.GetValue("ClaimLease", defaults.ClaimLease);
        if (timeout <= TimeSpan.Zero || timeout > TimeSpan.FromMinutes(2))
        {
            throw new InvalidOperationException("Webhooks:TimeoutSeconds must be between 1 and 120.");
        }

        if (lease < timeout * 2)
        {
            // An attempt must finish inside its claim, or a second run could send the same delivery at the same time.
            throw new InvalidOperationException("Webhooks:ClaimLease must be at least twice Webhooks:TimeoutSeconds.");
        }

        var allowHttp = section.GetValue("AllowHttp", false);
        var retry = new RetryPolicy(
            section.GetValue("FirstRetryDelay", defaults.Retry.FirstDelay),
            section.GetValue("MaxRetryDelay", defaults.Retry.MaxDelay),
            section.GetValue("MaxAttempts", defaults.Retry.MaxAttempts));
        services.AddSingleton(sp => new WebhookSettings
        {
            AllowHttp = allowHttp,
            IsDevelopment = sp.GetService<IHostEnvironment>()?.IsDevelopment() == true,
            Timeout = timeout,
            ClaimLease = lease,
            Retry = retry,
            ReconcileGrace = section.GetValue("ReconcileGrace", defaults.ReconcileGrace),
        });
        services.AddSingleton<IWebhookSender, HttpWebhookSender>();
        services.AddSingleton<IWebhookSecretProtector, DataProtectionWebhookSecretProtector>();
        services.AddScoped<IWebhookScheduler, HangfireWebhookScheduler>();
        services.AddScoped<WebhookOutbox>();
        services.AddScoped<DeliverWebhookJob>();
        services.AddScoped<ReconcileWebhooksJob>();
    }
}
