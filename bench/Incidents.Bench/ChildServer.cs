using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Incidents.Bench;

/// <summary>
/// A server under test as a child process (`dotnet X.dll`, as the reliability suite runs the app), on real
/// Kestrel on 127.0.0.1, configured by environment variables. Its working set is read from the process.
/// </summary>
internal sealed class ChildServer : IDisposable
{
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly Process _process;
    private long _lines;

    private ChildServer(Process process, int port, string name)
    {
        _process = process;
        Port = port;
        Name = name;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public long Lines => Interlocked.Read(ref _lines);

    public static ChildServer Start(string name, string dll, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment, int port)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var child = new ChildServer(process, port, name);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for GET path to answer 2xx; fails with the last lines the process wrote if it dies or is too slow.</summary>
    public async Task WaitReadyAsync(HttpClient http, string path, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, path));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} did not become ready in {timeout.TotalSeconds:0} s:{Environment.NewLine}{Tail()}");
    }

    public long WorkingSet()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.WorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    public string Tail(int lines = 30) => string.Join(Environment.NewLine, _tail.TakeLast(lines));

    /// <summary>Lines the process wrote that look like errors (its JSON console logs carry "LogLevel":"Error").</summary>
    public IReadOnlyList<string> ErrorLines() =>
        _tail.Where(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || l.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal)).ToList();

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        Interlocked.Increment(ref _lines);
        _tail.Enqueue(line);
        while (_tail.Count > 500 && _tail.TryDequeue(out _))
        {
        }
    }
}

/// <summary>Samples a child's working set every 100 ms while a phase runs, keeping the peak.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    public MemorySampler(ChildServer server)
    {
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            do
            {
                var ws = server.WorkingSet();
                if (ws > Interlocked.Read(ref _peak))
                {
                    Interlocked.Exchange(ref _peak, ws);
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => !t.IsCanceled && t.Result, TaskScheduler.Default));
        });
    }

    public long Peak => Interlocked.Read(ref _peak);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
