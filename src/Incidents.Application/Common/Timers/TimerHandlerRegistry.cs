using Incidents.Domain.Timers;

namespace Incidents.Application.Common.Timers;

/// <summary>
/// The handler of each timer kind. Built from every registered <see cref="ITimerHandler"/> and checked against
/// <see cref="TimerKinds.All"/>: a kind with no handler, a kind with two, or a handler of an unknown kind is refused
/// when the registry is built, which the app does at start-up, so such a mistake never reaches a due timer.
/// </summary>
public sealed class TimerHandlerRegistry
{
    private readonly Dictionary<string, ITimerHandler> _handlers;

    public TimerHandlerRegistry(IEnumerable<ITimerHandler> handlers)
        : this(handlers, TimerKinds.All)
    {
    }

    public TimerHandlerRegistry(IEnumerable<ITimerHandler> handlers, IEnumerable<string> kinds)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(kinds);
        var known = kinds.ToHashSet(StringComparer.Ordinal);
        var byKind = handlers.GroupBy(h => h.Kind, StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        problems.AddRange(byKind.Where(g => g.Count() > 1)
            .Select(g => $"timer kind '{g.Key}' has {g.Count()} handlers ({string.Join(", ", g.Select(h => h.GetType().Name))}); a kind has exactly one"));
        problems.AddRange(byKind.Where(g => !known.Contains(g.Key))
            .Select(g => $"{g.First().GetType().Name} handles timer kind '{g.Key}', which is not in TimerKinds.All"));
        problems.AddRange(known.Where(k => byKind.All(g => g.Key != k))
            .Select(k => $"timer kind '{k}' has no handler: add an ITimerHandler whose Kind is '{k}' and register it in AddApplication"));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The timers are misconfigured: " + string.Join("; ", problems) + ".");
        }

        _handlers = byKind.ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Kinds => _handlers.Keys;

    /// <summary>The handler of a kind; a row of an unknown kind (written by a newer version) fails clearly.</summary>
    public ITimerHandler For(string kind) =>
        _handlers.TryGetValue(kind, out var handler) ? handler : throw new InvalidOperationException($"There is no handler for timer kind '{kind}'.");
}
