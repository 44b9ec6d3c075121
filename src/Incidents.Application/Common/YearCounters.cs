using Incidents.Application.Common.Interfaces;
using Incidents.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Common;

/// <summary>The one race-safe way to number a series per year without gaps (incident, complaint and discrepancy
/// references): make sure the year's row exists before the transaction, then take the next number inside it.</summary>
public static class YearCounters
{
    /// <summary>Makes sure the year's counter row exists before the caller's transaction, so that inside it the counter
    /// is only ever UPDATEd (two first-of-year requests racing to INSERT it would otherwise collide).</summary>
    /// <param name="known">Years already seen to exist in this app's database (counter rows are never deleted), so the
    /// hot path skips the existence check; null checks every time.</param>
    public static async Task EnsureAsync<TCounter>(IIncidentsDb db, int year, Func<int, TCounter> create, CancellationToken cancellationToken, YearCounterRows? known = null)
        where TCounter : class, IYearCounter
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(create);
        if (known is not null && known.Contains<TCounter>(year))
        {
            return;
        }

        await EnsureCoreAsync(db, year, create, cancellationToken);
        known?.Add<TCounter>(year);
    }

    private static async Task EnsureCoreAsync<TCounter>(IIncidentsDb db, int year, Func<int, TCounter> create, CancellationToken cancellationToken)
        where TCounter : class, IYearCounter
    {
        var counters = db.Set<TCounter>();
        if (await counters.AsNoTracking().AnyAsync(c => c.Year == year, cancellationToken))
        {
            return;
        }

        var counter = create(year);
        counters.Add(counter);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(counter).State = EntityState.Detached;
            if (!await counters.AsNoTracking().AnyAsync(c => c.Year == year, cancellationToken))
            {
                throw;
            }

            // Another request created it first.
            return;
        }

        db.Entry(counter).State = EntityState.Detached;
    }

    /// <summary>Takes the next number of the year inside the caller's transaction. The UPDATE locks the counter row
    /// (SQL Server) or the database (SQLite, whose transactions begin IMMEDIATE) until commit, so concurrent requests
    /// queue here and a rollback gives the number back.</summary>
    public static async Task<int> NextAsync<TCounter>(IIncidentsDb db, int year, CancellationToken cancellationToken)
        where TCounter : class, IYearCounter
    {
        ArgumentNullException.ThrowIfNull(db);
        var counters = db.Set<TCounter>();
        var updated = await counters
            .Where(c => c.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<int>(c, nameof(IYearCounter.LastNumber)), c => EF.Property<int>(c, nameof(IYearCounter.LastNumber)) + 1), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"The {typeof(TCounter).Name} row for {year} is missing.");
        }

        return await counters.AsNoTracking()
            .Where(c => c.Year == year)
            .Select(c => c.LastNumber)
            .SingleAsync(cancellationToken);
    }
}

/// <summary>The year counter rows this app has seen in its database (one per app: a singleton). Rows are never deleted,
/// so once seen a year needs no existence check before its transaction.</summary>
public sealed class YearCounterRows
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Type, int), bool> _seen = new();

    public bool Contains<TCounter>(int year) => _seen.ContainsKey((typeof(TCounter), year));

    public void Add<TCounter>(int year) => _seen.TryAdd((typeof(TCounter), year), true);
}
