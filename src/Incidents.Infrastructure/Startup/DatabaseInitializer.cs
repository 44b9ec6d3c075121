using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Infrastructure.Jobs;
using Incidents.Infrastructure.Persistence;
using Hangfire;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Incidents.Infrastructure.Startup;

/// <summary>
/// Runs once before the app serves requests: migrations (when Database:MigrateOnStart), roles, demo data
/// (Seed:Demo), the first admin (Bootstrap:*), then the reconciler over owed notifications and its
/// every-minute schedule. Every step is idempotent.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitialiseAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var configuration = provider.GetRequiredService<IConfiguration>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var db = provider.GetRequiredService<IncidentsDbContext>();

        if (configuration.GetValue("Database:MigrateOnStart", true))
        {
            if (db.Database.IsSqlite())
            {
                PrepareSqliteFile(db.Database.GetConnectionString());
            }

            await db.Database.MigrateAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                // Readers never block the writer; survives restarts (it is stored in the file).
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }

        // The reference counters of this year and next exist before the first report, so reports only ever UPDATE them.
        var year = LondonTimeYear(provider.GetRequiredService<TimeProvider>());
        foreach (var y in new[] { year, year + 1 })
        {
            if (!await db.ReferenceCounters.AnyAsync(c => c.Year == y, cancellationToken))
            {
                db.ReferenceCounters.Add(new Domain.Incidents.ReferenceCounter(y, 0));
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node starting at the same moment created them first.
            db.ChangeTracker.Clear();
        }

        await BackfillNextDeadlinesAsync(db, cancellationToken);

        var roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        var users = provider.GetRequiredService<UserManager<ApplicationUser>>();
        if (configuration.GetValue("Seed:Demo", false))
        {
            var password = configuration["Seed:DemoPassword"];
            if (string.IsNullOrWhiteSpace(password))
            {
                throw new InvalidOperationException("Seed:Demo is on but Seed:DemoPassword is not set. Set it in configuration (user secrets or environment), never in the repository for a real deployment.");
            }

            // The demo's accounts and fictional schools have no place in a real deployment: refused in Production unless
            // forced (Seed:AllowInProduction, for a throw-away trial), and never there with a password from this repository.
            var environment = provider.GetRequiredService<Microsoft.Extensions.Hosting.IHostEnvironment>();
            if (environment.IsProduction())
            {
                if (!configuration.GetValue("Seed:AllowInProduction", false))
                {
                    throw new InvalidOperationException("Seed:Demo is on in Production. Demo data (fictional schools and well-known accounts) is refused in Production; turn Seed:Demo off, or set Seed:AllowInProduction=true for a throw-away trial.");
                }

                if (KnownDemoPasswords.Contains(password) || password.Length < 16)
                {
                    throw new InvalidOperationException("Seed:DemoPassword is one written in this repository, or shorter than 16 characters: choose a new one from a secret store to seed demo data in Production.");
                }
            }

            await SeedDemoAsync(db, users, password, cancellationToken);
            logger.LogInformation("Demo data is in place (fictional organisations and users)");
        }

        await BootstrapAdminAsync(db, users, configuration, logger, cancellationToken);

        // Every timer kind has exactly one handler, or the app does not start (rather than fail when a timer is due).
        _ = provider.GetRequiredService<Application.Common.Timers.TimerHandlerRegistry>();

        var sender = provider.GetRequiredService<ISender>();
        await sender.Send(new ReconcileNotificationsCommand(AtStartup: true), cancellationToken);
        var recurring = provider.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<ReconcileNotificationsJob>(ReconcileNotificationsJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        await sender.Send(new Application.Features.Webhooks.ReconcileWebhooksCommand(AtStartup: true), cancellationToken);
        recurring.AddOrUpdate<Webhooks.ReconcileWebhooksJob>(Webhooks.ReconcileWebhooksJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
        // Review reminders are timers now, planned and fired by the reconciler: the old hourly job goes.
        recurring.RemoveIfExists(ReviewRemindersJob.RecurringJobId);
    }

    /// <summary>Passwords that appear in this repository (README, settings, tests): never good for a real deployment.</summary>
    private static readonly HashSet<string> KnownDemoPasswords = new(StringComparer.Ordinal)
    {
        "demo-password-not-for-production",
        "integration-test-password",
        "browser-test-password",
    };

    private static int LondonTimeYear(TimeProvider time) => Domain.Common.LondonTime.ToLondon(time.GetUtcNow()).Year;

    private static void PrepareSqliteFile(string? connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>Incidents stored before the next-deadline column (migration TriageNextDeadline) have it empty: fills it
    /// by the duty rule for the open incidents that may owe the ICO something (an ICO clock, and no decision or a
    /// decision to report) and have none. Idempotent; after the first start only open incidents whose initial report
    /// is filed match, a handful.</summary>
    internal static async Task BackfillNextDeadlinesAsync(IncidentsDbContext db, CancellationToken cancellationToken)
    {
        Domain.Incidents.IncidentStatus[] open = [Domain.Incidents.IncidentStatus.Reported, Domain.Incidents.IncidentStatus.Triaged];
        Domain.Incidents.IncidentKind[] breachKinds = [.. Enum.GetValues<Domain.Incidents.IncidentKind>().Where(Domain.Incidents.IncidentKinds.IsBreach)];
        var candidates = await db.Incidents
            .Where(i => open.Contains(i.Status) && i.NextDeadline == null)
            .Where(i => i.Classification == Domain.Incidents.TriageClassification.PersonalDataBreach || (i.Classification == null && breachKinds.Contains(i.Kind)))
            .Where(i => i.Decision == null || i.Decision != Domain.Incidents.DecisionOutcome.RecordOnly)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
        foreach (var chunk in candidates.Chunk(500))
        {
            var page = await db.Incidents.Where(i => chunk.Contains(i.Id)).ToListAsync(cancellationToken);
            var filings = (await db.IcoFilings.AsNoTracking().Where(f => chunk.Contains(f.IncidentId)).ToListAsync(cancellationToken)).ToLookup(f => f.IncidentId);
            foreach (var incident in page)
            {
                incident.FollowDuty(filings[incident.Id]);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed meanwhile by another node: that change followed the duty itself.
            }

            db.ChangeTracker.Clear();
        }
    }

    private static async Task SeedDemoAsync(IncidentsDbContext db, UserManager<ApplicationUser> users, string password, CancellationToken cancellationToken)
    {
        if (!await db.Organisations.AnyAsync(o => o.Id == DemoData.SilId, cancellationToken))
        {
            var sil = new Organisation(DemoData.SilId, DemoData.SilName, OrganisationKind.Sil);
            sil.AddContact("Dana Whitfield", "dpo@sil.test", ContactRole.Dpo);
            sil.AddContact("Owen Marsh", "officer@sil.test", ContactRole.DesignatedOfficer);
            db.Organisations.Add(sil);
            foreach (var (id, name, urn, domain, officer, _) in DemoData.Schools)
            {
                var school = new Organisation(id, name, OrganisationKind.School, urn);
                school.AddContact(officer, $"officer@{domain}", ContactRole.DesignatedOfficer);
                db.Organisations.Add(school);
                db.Agreements.Add(new Agreement(DemoData.AgreementIdFor(id), DemoData.SilId, id, 1, new DateOnly(2026, 9, 1)));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await EnsureUserAsync(users, "dpo@sil.test", "Dana Whitfield", DemoData.SilId, Roles.Dpo, password);
        await EnsureUserAsync(users, "officer@sil.test", "Owen Marsh", DemoData.SilId, Roles.DesignatedOfficer, password);
        await EnsureUserAsync(users, "staff@sil.test", "Priya Lowe", DemoData.SilId, Roles.Reporter, password);
        foreach (var (id, _, _, domain, officer, staff) in DemoData.Schools)
        {
            await EnsureUserAsync(users, $"officer@{domain}", officer, id, Roles.DesignatedOfficer, password);
            await EnsureUserAsync(users, $"staff@{domain}", staff, id, Roles.Reporter, password);
        }
    }

    private static async Task BootstrapAdminAsync(IncidentsDbContext db, UserManager<ApplicationUser> users, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        var sil = await db.Organisations.FirstOrDefaultAsync(o => o.Kind == OrganisationKind.Sil, cancellationToken);
        if (sil is null)
        {
            sil = new Organisation(Guid.CreateVersion7(), DemoData.SilName, OrganisationKind.Sil);
            db.Organisations.Add(sil);
            await db.SaveChangesAsync(cancellationToken);
        }

        if (await EnsureUserAsync(users, email, "Administrator", sil.Id, Roles.Admin, password))
        {
            logger.LogInformation("Created the first administrator account");
        }
    }

    private static async Task<bool> EnsureUserAsync(UserManager<ApplicationUser> users, string email, string name, Guid organisationId, string role, string password)
    {
        if (await users.FindByEmailAsync(email) is not null)
        {
            return false;
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            OrganisationId = organisationId,
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, password), $"create {email}");
        Check(await users.AddToRoleAsync(user, role), $"give {email} the role {role}");
        return true;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
