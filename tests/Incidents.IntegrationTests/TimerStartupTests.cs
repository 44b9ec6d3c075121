using Incidents.Application.Common.Timers;
using Incidents.Application.Features.Agreements;
using Incidents.Domain.Timers;
using Incidents.Infrastructure.Jobs;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.IntegrationTests;

/// <summary>A timer kind with no handler stops the app at start-up, naming the kind, instead of failing the day a timer
/// of that kind falls due; jobs stored under the old names still fire their timers.</summary>
public sealed class TimerStartupTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("incidents-timer-startup-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        IncidentsApp.TryDelete(_directory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_app_with_a_timer_kind_that_has_no_handler_refuses_to_start_and_names_the_kind()
    {
        await using var app = new IncidentsApp(null, _directory, services: s =>
        {
            var review = s.Single(d => d.ServiceType == typeof(ITimerHandler) && d.ImplementationType == typeof(ReviewReminderTimerHandler));
            s.Remove(review);
        });

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("timer kind 'AgreementReview' has no handler", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_stored_under_the_old_names_fire_their_timer_through_the_one_path()
    {
        await using var app = new IncidentsApp(null, _directory);
        var agreement = DemoData.AgreementIdFor(DemoData.MerseyValeId);
        var now = DateTimeOffset.UtcNow;
        // Review timers for a date long past: due, but moot when fired, so they are cancelled (and send nothing).
        var viaIco = new DurableTimer(Guid.NewGuid(), TimerKinds.AgreementReview, agreement, now.AddSeconds(-1), "2020-09-01");
        var viaSuspension = new DurableTimer(Guid.NewGuid(), TimerKinds.AgreementReview, agreement, now.AddSeconds(-1), "2021-09-01");
        await app.WithDbAsync(db =>
        {
            db.Timers.AddRange(viaIco, viaSuspension);
            return db.SaveChangesAsync();
        });

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<FireIcoReminderJob>().RunAsync(viaIco.Id, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<FireSuspensionTimerJob>().RunAsync(viaSuspension.Id, CancellationToken.None);
        }

        var rows = await app.WithDbAsync(db => db.Timers.Where(t => t.Id == viaIco.Id || t.Id == viaSuspension.Id).ToListAsync());
        Assert.All(rows, t =>
        {
            Assert.Equal(TimerStatus.Cancelled, t.Status);
            Assert.NotNull(t.FiredAt);
            Assert.Equal(1, t.Attempts);
        });
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
