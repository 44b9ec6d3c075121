using Incidents.Application.Common.Timers;
using Incidents.Application.Features.Agreements;
using Incidents.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.IntegrationTests;

/// <summary>A timer kind with no handler stops the app at start-up, naming the kind, instead of failing the day a timer
/// of that kind falls due.</summary>
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

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
