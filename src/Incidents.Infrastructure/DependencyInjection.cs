using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Notifications;
using Incidents.Infrastructure.Email;
using Incidents.Infrastructure.Jobs;
using Incidents.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Incidents.Infrastructure;

public static class DependencyInjection
{
    public const string DefaultSqliteConnection = "Data Source=data/incidents.db";

    /// <summary>The database, the job runner and email: the only place that picks a provider or a storage.</summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        AddDatabase(services, configuration);
        AddEmail(services, configuration);
        AddJobs(services, configuration);
        AddSuspensions(services, configuration);
        AddDiscrepancies(services, configuration);
        AddTimers(services, configuration);
        Webhooks.WebhookSetup.AddWebhooks(services, configuration);
        Retention.RetentionSetup.AddRetention(services, configuration);
        var maxAttachment = configuration.GetValue("Attachments:MaxBytes", Domain.Evidence.Attachment.DefaultMaxBytes);
        if (maxAttachment is <= 0 or > 1024L * 1024 * 1024)
        {
            throw new InvalidOperationException("Attachments:MaxBytes must be between 1 byte and 1 GiB.");
        }

        services.AddSingleton(new Application.Features.Evidence.AttachmentSettings { MaxBytes = maxAttachment });
        return services;
    }

    private static void AddDatabase(IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? DatabaseProviders.Sqlite;
        var connectionString = configuration.GetConnectionString("Incidents");
        switch (provider)
        {
            case DatabaseProviders.Sqlite:
                services.AddDbContext<IncidentsDbContext, SqliteIncidentsDbContext>(o => o
                    .UseSqlite(connectionString ?? DefaultSqliteConnection, DatabaseProviders.ConfigureSqlite)
                    .AddInterceptors(new SqliteBusyTimeout()));
                break;
            case DatabaseProviders.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Incidents is not set.");
                }

                services.AddDbContext<IncidentsDbContext, SqlServerIncidentsDbContext>(o =>
                    o.UseSqlServer(connectionString, DatabaseProviders.ConfigureSqlServer));
                break;
            default:
                throw new InvalidOperationException($"Database:Provider must be {DatabaseProviders.Sqlite} or {DatabaseProviders.SqlServer}, not '{provider}'.");
        }

        services.AddScoped<IIncidentsDb>(sp => sp.GetRequiredService<IncidentsDbContext>());

        // One key ring in the database for every node: cookies and bearer tokens work whichever node answers.
        services.AddDataProtection()
            .SetApplicationName("SIL.Incidents")
            .PersistKeysToDbContext<IncidentsDbContext>();
        services.AddSingleton<ISecretProtector, Security.DataProtectionSecretProtector>();
    }

    private static void AddEmail(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EmailOptions.Section);
        services.AddOptions<EmailOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        var email = section.Get<EmailOptions>() ?? new EmailOptions();
        if (email.UsesSmtp)
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
        }

        var notifications = configuration.GetSection("Notifications");
        var defaults = RetryPolicy.Default;
        var publicUrl = configuration["App:PublicUrl"] ?? "http://127.0.0.1:5080/";
        if (!Uri.TryCreate(publicUrl.EndsWith('/') ? publicUrl : publicUrl + "/", UriKind.Absolute, out var baseUri))
        {
            throw new InvalidOperationException($"App:PublicUrl must be an absolute URL, not '{publicUrl}'.");
        }

        var claimLease = notifications.GetValue("ClaimLease", TimeSpan.FromMinutes(5));
        if (email.UsesSmtp && claimLease < TimeSpan.FromSeconds(email.Smtp.TimeoutSeconds * 4))
        {
            // A send does connect, TLS, auth and data, each with this timeout; a claim shorter than that could
            // run out mid-send and let a second run send the same notice.
            throw new InvalidOperationException("Notifications:ClaimLease must be at least four times Email:Smtp:TimeoutSeconds.");
        }

        services.AddSingleton(new NotificationSettings
        {
            PublicUrl = baseUri,
            MessageIdDomain = email.MessageIdDomain(),
            Retry = new RetryPolicy(
                notifications.GetValue("FirstRetryDelay", defaults.FirstDelay),
                notifications.GetValue("MaxRetryDelay", defaults.MaxDelay),
                notifications.GetValue("MaxAttempts", defaults.MaxAttempts)),
            ClaimLease = claimLease,
            ReconcileGrace = notifications.GetValue("ReconcileGrace", TimeSpan.FromSeconds(30)),
            StuckAfter = Positive(notifications, "StuckAfter", TimeSpan.FromMinutes(10)),
            FaultRetryDelay = Positive(notifications, "FaultRetryDelay", TimeSpan.FromSeconds(30)),
        });
        services.AddSingleton<SmtpProbe>();
    }

    private static TimeSpan Positive(IConfiguration section, string key, TimeSpan defaultValue)
    {
        var value = section.GetValue(key, defaultValue);
        return value > TimeSpan.Zero ? value : throw new InvalidOperationException($"Notifications:{key} must be longer than zero.");
    }

    private static void AddJobs(IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration["Hangfire:Storage"] ?? "InMemory";
        var connectionString = configuration.GetConnectionString("Incidents");

        // One JobStorage per app instance, from DI, never Hangfire's static JobStorage.Current: two hosts in one
        // process would otherwise share (and steal) each other's jobs.
        services.AddSingleton<JobStorage>(sp =>
        {
            // Applies this host's Hangfire configuration first (it also points Hangfire's static log provider at
            // this host's logging), so nothing here logs through a host that has already stopped.
            sp.GetRequiredService<IGlobalConfiguration>();
            return CreateStorage(storage, connectionString, configuration);
        });


        services.AddHangfire((_, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        var pollingInterval = configuration.GetValue("Hangfire:SchedulePollingInterval", storage == "InMemory" ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5));
        var workerCount = configuration.GetValue("Hangfire:WorkerCount", Math.Min(Environment.ProcessorCount * 5, 20));
        services.AddHangfireServer((sp, options) =>
        {
            options.SchedulePollingInterval = pollingInterval;
            options.WorkerCount = workerCount;
            options.Activator = new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>());
        });

        // Emails: one dispatcher per process, woken after commit and by the reconciler (no Hangfire job per email).
        services.AddSingleton<DispatchSignal>();
        services.AddHostedService<NotificationDispatcher>();
        services.AddScoped<INotificationScheduler, DispatcherNotificationScheduler>();
        services.AddScoped<ITimerScheduler, HangfireTimerScheduler>();
        services.AddScoped<FireTimerJob>();
        services.AddScoped<SendNotificationJob>();
        services.AddScoped<FireIcoReminderJob>();
        services.AddScoped<FireSuspensionTimerJob>();
        services.AddScoped<ReviewRemindersJob>();
        services.AddScoped<ReconcileNotificationsJob>();
    }

    private static JobStorage CreateStorage(string storage, string? connectionString, IConfiguration configuration) => storage switch
    {
        "InMemory" => new InMemoryStorage(new InMemoryStorageOptions()),
        "SqlServer" => new SqlServerStorage(
            connectionString ?? throw new InvalidOperationException("Hangfire:Storage is SqlServer but ConnectionStrings:Incidents is not set."),
            new SqlServerStorageOptions
            {
                PrepareSchemaIfNecessary = configuration.GetValue("Database:MigrateOnStart", true),
            }),
        _ => throw new InvalidOperationException($"Hangfire:Storage must be InMemory or SqlServer, not '{storage}'."),
    };

    private static void AddTimers(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Timers");
        var defaults = new Application.Common.Timers.TimerSettings();
        var lease = section.GetValue("ClaimLease", defaults.ClaimLease);
        var horizon = section.GetValue("Horizon", defaults.Horizon);
        if (lease <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Timers:ClaimLease must be longer than zero.");
        }

        if (horizon < TimeSpan.FromMinutes(1))
        {
            // The reconciler runs every minute: a shorter horizon would let a timer slip between two runs and fire late.
            throw new InvalidOperationException("Timers:Horizon must be at least one minute (the reconcile interval).");
        }

        services.AddSingleton(new Application.Common.Timers.TimerSettings { ClaimLease = lease, Horizon = horizon });
    }

    private static void AddDiscrepancies(IServiceCollection services, IConfiguration configuration)
    {
        var days = configuration.GetValue("Discrepancies:ResolveWithinWorkingDays", Application.Features.Discrepancies.DiscrepancySettings.DefaultResolveWithinWorkingDays);
        if (days is < 1 or > 260)
        {
            throw new InvalidOperationException("Discrepancies:ResolveWithinWorkingDays must be between 1 and 260 working days.");
        }

        services.AddSingleton(new Application.Features.Discrepancies.DiscrepancySettings { ResolveWithinWorkingDays = days });
    }

    private static void AddSuspensions(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Suspension");
        var period = section.GetValue("Period", Domain.Agreements.SuspensionCalendar.DefaultPeriod);
        if (period <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Suspension:Period must be longer than zero.");
        }

        var offsets = section.GetSection("ReminderOffsets").Get<TimeSpan[]>() ?? [TimeSpan.FromDays(7), TimeSpan.FromDays(1)];
        if (offsets.Any(o => o <= TimeSpan.Zero || o >= period))
        {
            throw new InvalidOperationException("Each of Suspension:ReminderOffsets must be longer than zero and shorter than Suspension:Period.");
        }

        services.AddSingleton(new Application.Features.Agreements.SuspensionSettings { Period = period, ReminderOffsets = offsets });
    }

    private sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
    {
        public ValidateOptionsResult Validate(string? name, EmailOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
