using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Incidents.IntegrationTests.Support;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of <see cref="TestSmtpServer"/> that plays a relay closing kept-open connections:
/// each connection carries at most <c>messagesPerConnection</c> messages, and when the client starts one more (MAIL
/// FROM) the proxy closes the connection without passing that command on, so that message never reached the server.
/// </summary>
public sealed class DroppingSmtpProxy : IAsyncDisposable
{
    private static readonly byte[] MailFrom = Encoding.ASCII.GetBytes("MAIL FROM:");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly int _messagesPerConnection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _connections;
    private int _drops;

    public DroppingSmtpProxy(int upstreamPort, int messagesPerConnection)
    {
        _upstreamPort = upstreamPort;
        _messagesPerConnection = messagesPerConnection;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Connections the client opened through the proxy.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Connections the proxy closed in the middle of the client's work.</summary>
    public int Drops => Volatile.Read(ref _drops);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        using var _ = client;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
            using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), both.Token);
            var up = UpAsync(client.GetStream(), server.GetStream(), both.Token);
            await Task.WhenAny(down, up);
            await both.CancelAsync();
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            client.Client.Close();
            server.Client.Close();
        }
    }

    /// <summary>Client to server, counting MAIL FROM commands; the one over the limit closes the connection instead.</summary>
    private async Task UpAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var messages = 0;
        var carry = Array.Empty<byte>();
        while (true)
        {
            var read = await from.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            // Commands start a line; the tail of the last chunk is kept so a command split across reads is still seen.
            var seen = carry.Concat(buffer.Take(read)).ToArray();
            var starts = Count(seen, carry.Length);
            if (messages + starts > _messagesPerConnection)
            {
                Interlocked.Increment(ref _drops);
                return;
            }

            messages += starts;
            carry = seen.Length > 16 ? seen[^16..] : seen;
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    /// <summary>MAIL FROM commands that end at or after <paramref name="from"/> (so none is counted twice).</summary>
    private static int Count(byte[] data, int from)
    {
        var count = 0;
        for (var i = 0; i + MailFrom.Length <= data.Length; i++)
        {
            if (i + MailFrom.Length > from && (i == 0 || data[i - 1] == '\n') && data.AsSpan(i, MailFrom.Length).SequenceEqual(MailFrom))
            {
                count++;
            }
        }

        return count;
    }
}
