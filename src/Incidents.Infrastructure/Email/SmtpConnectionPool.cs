using Incidents.Application.Common.Interfaces;
using MimeKit;

namespace Incidents.Infrastructure.Email;

/// <summary>One open session with the relay, as the pool sees it.</summary>
internal interface ISmtpConnection : IAsyncDisposable
{
    bool IsConnected { get; }

    Task NoOpAsync(CancellationToken cancellationToken);

    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>What a failure of this session means (see <see cref="SmtpFailures"/>).</summary>
    EmailDeliveryException Classify(Exception exception);
}

/// <summary>
/// A small set of kept-open sessions with the relay (Email:Smtp:Connections, default 2), so a send does not pay for a
/// connection, TLS and sign-in each time. A session is lent to one send at a time. One that sat idle longer than
/// NoopAfterSeconds is checked with NOOP before it is lent again (and replaced if that fails); one idle longer than
/// IdleTimeoutSeconds is closed, by <see cref="TrimIdleAsync"/> or when next wanted. A session whose send failed is
/// never lent again.
/// </summary>
internal sealed class SmtpConnectionPool : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<ISmtpConnection>> _open;
    private readonly TimeProvider _time;
    private readonly TimeSpan _noopAfter;
    private readonly TimeSpan _idleTimeout;
    private readonly SemaphoreSlim _slots;
    private readonly Lock _lock = new();
    private readonly Stack<(ISmtpConnection Connection, DateTimeOffset IdleSince)> _idle = new();
    private bool _disposed;

    /// <param name="open">Opens a new session; throws <see cref="EmailDeliveryException"/> (classified) when it cannot.</param>
    public SmtpConnectionPool(Func<CancellationToken, Task<ISmtpConnection>> open, int size, TimeSpan noopAfter, TimeSpan idleTimeout, TimeProvider time)
    {
        _open = open;
        _time = time;
        _noopAfter = noopAfter;
        _idleTimeout = idleTimeout;
        Size = Math.Max(1, size);
        _slots = new SemaphoreSlim(Size, Size);
    }

    public int Size { get; }

    /// <summary>Sessions opened so far (for tests and the log).</summary>
    public int Opened => Volatile.Read(ref _opened);

    private int _opened;

    /// <summary>Lends a session: a kept-open one if there is one that still answers, else a new one.</summary>
    public async Task<Lease> RentAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            while (TakeIdle() is { } idle)
            {
                var idleFor = _time.GetUtcNow() - idle.IdleSince;
                if (!idle.Connection.IsConnected || idleFor > _idleTimeout)
                {
                    await CloseAsync(idle.Connection);
                    continue;
                }

                if (idleFor > _noopAfter)
                {
                    try
                    {
                        await idle.Connection.NoOpAsync(cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        // The relay closed it while it was idle (or it broke): open another.
                        await CloseAsync(idle.Connection);
                        continue;
                    }
                }

                return new Lease(this, idle.Connection, reused: true);
            }

            var connection = await _open(cancellationToken);
            Interlocked.Increment(ref _opened);
            return new Lease(this, connection, reused: false);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Closes the sessions that have been idle longer than IdleTimeoutSeconds.</summary>
    public async Task TrimIdleAsync()
    {
        var now = _time.GetUtcNow();
        List<ISmtpConnection> expired;
        lock (_lock)
        {
            var all = _idle.ToList();
            expired = all.Where(i => now - i.IdleSince > _idleTimeout || !i.Connection.IsConnected).Select(i => i.Connection).ToList();
            if (expired.Count == 0)
            {
                return;
            }

            _idle.Clear();
            foreach (var keep in all.Where(i => !expired.Contains(i.Connection)).Reverse())
            {
                _idle.Push(keep);
            }
        }

        foreach (var connection in expired)
        {
            await CloseAsync(connection);
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ISmtpConnection> idle;
        lock (_lock)
        {
            _disposed = true;
            idle = _idle.Select(i => i.Connection).ToList();
            _idle.Clear();
        }

        foreach (var connection in idle)
        {
            await CloseAsync(connection);
        }
    }

    private (ISmtpConnection Connection, DateTimeOffset IdleSince)? TakeIdle()
    {
        lock (_lock)
        {
            return _idle.Count > 0 ? _idle.Pop() : null;
        }
    }

    private async Task ReturnAsync(ISmtpConnection connection, bool keep)
    {
        try
        {
            if (keep && connection.IsConnected)
            {
                lock (_lock)
                {
                    if (!_disposed)
                    {
                        _idle.Push((connection, _time.GetUtcNow()));
                        return;
                    }
                }
            }

            await CloseAsync(connection);
        }
        finally
        {
            _slots.Release();
        }
    }

    private static async Task CloseAsync(ISmtpConnection connection)
    {
        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or TimeoutException or OperationCanceledException or ObjectDisposedException)
        {
            // The session is over either way.
        }
    }

    /// <summary>A session lent to one send. Give it back with <see cref="ReturnAsync"/>: kept when the send worked.</summary>
    internal sealed class Lease(SmtpConnectionPool pool, ISmtpConnection connection, bool reused)
    {
        private int _returned;

        public ISmtpConnection Connection => connection;

        /// <summary>A kept-open session (which the relay may have closed since), not one opened for this send.</summary>
        public bool Reused => reused;

        public Task ReturnAsync(bool keep) =>
            Interlocked.Exchange(ref _returned, 1) == 0 ? pool.ReturnAsync(connection, keep) : Task.CompletedTask;
    }
}
