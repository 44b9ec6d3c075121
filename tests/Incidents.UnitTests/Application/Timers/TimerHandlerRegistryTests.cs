using System.Runtime.CompilerServices;
using Incidents.Application;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.UnitTests.Application.Timers;

/// <summary>A timer kind without a handler is refused when the registry is built (at start-up), not when a timer of
/// that kind falls due.</summary>
public sealed class TimerHandlerRegistryTests
{
    private sealed class Handler(string kind) : ITimerHandler
    {
        public string Kind => kind;

        public Task<TimerOutcome> FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(TimerOutcome.Moot);
    }

    [Fact]
    public void A_kind_with_no_handler_is_refused_naming_the_kind_and_what_to_do()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new TimerHandlerRegistry([new Handler("ComplaintAcknowledgement")], ["ComplaintAcknowledgement", "DiscrepancyDue"]));

        Assert.Contains("timer kind 'DiscrepancyDue' has no handler", error.Message, StringComparison.Ordinal);
        Assert.Contains("ITimerHandler", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_handlers_for_one_kind_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TimerHandlerRegistry([new Handler("A"), new Handler("A")], ["A"]));

        Assert.Contains("'A' has 2 handlers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_handler_of_a_kind_that_is_not_declared_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new TimerHandlerRegistry([new Handler("A"), new Handler("Typo")], ["A"]));

        Assert.Contains("'Typo', which is not in TimerKinds.All", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_timer_is_dispatched_to_the_handler_of_its_kind()
    {
        var a = new Handler("A");
        var b = new Handler("B");
        var registry = new TimerHandlerRegistry([a, b], ["A", "B"]);

        Assert.Same(b, registry.For("B"));
        Assert.Same(a, registry.For("A"));
        Assert.Throws<InvalidOperationException>(() => registry.For("C"));
    }

    [Fact]
    public void The_application_registers_exactly_one_handler_for_every_declared_kind()
    {
        var services = new ServiceCollection().AddApplication();
        // The handlers' own dependencies (database, audit) are not needed to read their kind.
        var handlers = services.Where(d => d.ServiceType == typeof(ITimerHandler))
            .Select(d => (ITimerHandler)RuntimeHelpers.GetUninitializedObject(d.ImplementationType!))
            .ToList();

        var registry = new TimerHandlerRegistry(handlers);

        Assert.Equal(TimerKinds.All.Order(), registry.Kinds.Order());
    }
}
