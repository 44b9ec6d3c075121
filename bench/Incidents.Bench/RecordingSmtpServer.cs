using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Incidents.IntegrationTests.Support;

namespace Incidents.Bench;

/// <summary>
/// A real SMTP server on 127.0.0.1 in the benchmark's process (the SmtpServer package, as the tests'
/// TestSmtpServer), which records when each message was accepted, by its Message-Id. Only the header block is
/// read (no MIME parse), so the server costs the machine as little as it can.
/// Its sockets have Nagle's algorithm off: the package's own listener leaves it on, and as it writes each
/// pipelined reply (MAIL, RCPT) separately, the second waits for the client's delayed ACK, ~40 ms a message on
/// Linux loopback; a real relay answers in one write. With it off a message costs ~0.5 ms here.
/// </summary>
internal sealed class RecordingSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentDictionary<Guid, Arrival> _arrivals = new();
    private long _accepted;
    private long _duplicates;
    private long _unmatched;

    public RecordingSmtpServer()
    {
        Port = FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new NoDelayListenerFactory());
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Messages whose Message-Id is not {guid}@domain.</summary>
    public long Unmatched => Interlocked.Read(ref _unmatched);

    /// <summary>When the message of this notification id was first accepted.</summary>
    public bool TryGet(Guid notificationId, out Arrival arrival) => _arrivals.TryGetValue(notificationId, out arrival);

    /// <summary>Waits until every one of these notifications has arrived, or the time is up; returns how many are missing.</summary>
    public async Task<int> WaitForAsync(IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var missing = ids.Where(id => !_arrivals.ContainsKey(id)).ToList();
        while (missing.Count > 0 && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(100);
            missing = missing.Where(id => !_arrivals.ContainsKey(id)).ToList();
        }

        return missing.Count;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private void Record(ReadOnlySequence<byte> buffer)
    {
        var now = new Arrival(Stopwatch.GetTimestamp(), DateTime.UtcNow);
        Interlocked.Increment(ref _accepted);
        if (MessageIdOf(buffer) is not { } id)
        {
            Interlocked.Increment(ref _unmatched);
            return;
        }

        if (!_arrivals.TryAdd(id, now))
        {
            Interlocked.Increment(ref _duplicates);
        }
    }

    /// <summary>The notification id in "Message-Id: &lt;{id:N}@domain&gt;", from the header block only.</summary>
    internal static Guid? MessageIdOf(ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, 16 * 1024);
        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer.Slice(0, length).CopyTo(bytes);
            var text = Encoding.Latin1.GetString(bytes, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = (end < 0 ? text : text[..end]).Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal);
            foreach (var line in headers.Split("\r\n"))
            {
                if (!line.StartsWith("Message-Id:", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var value = line["Message-Id:".Length..].Trim().Trim('<', '>');
                var at = value.IndexOf('@', StringComparison.Ordinal);
                return at > 0 && Guid.TryParse(value[..at], out var id) ? id : null;
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal readonly record struct Arrival(long Timestamp, DateTime Utc);

    private sealed class Store(RecordingSmtpServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            owner.Record(buffer);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
