using System.Globalization;
using System.Runtime.InteropServices;

namespace Incidents.Bench;

/// <summary>What the machine is, and how busy it was while a phase ran (to see other processes interfering).</summary>
internal static class Machine
{
    public static int Cores => Environment.ProcessorCount;

    public static long TotalMemoryBytes
    {
        get
        {
            var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
            {
                return kb * 1024;
            }

            return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        }
    }

    public static string Describe() =>
        $"{Cores} cores, {TotalMemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB RAM, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}, {CpuModel()}";

    public static string LoadAverage() => ReadLines("/proc/loadavg").FirstOrDefault() is { } l
        ? string.Join(' ', l.Split(' ').Take(3))
        : "n/a";

    private static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    /// <summary>Busy and total jiffies of the whole machine (/proc/stat).</summary>
    public static (long Busy, long Total) MachineTicks()
    {
        var cpu = ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (cpu is null)
        {
            return (0, 0);
        }

        var v = cpu.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user).
        var idle = v[3] + (v.Length > 4 ? v[4] : 0);
        var total = v.Take(Math.Min(v.Length, 8)).Sum();
        return (total - idle, total);
    }

    /// <summary>User + system jiffies of one process (/proc/PID/stat), 0 if it is gone.</summary>
    public static long ProcessTicks(int pid)
    {
        var stat = ReadLines($"/proc/{pid}/stat").FirstOrDefault();
        if (stat is null)
        {
            return 0;
        }

        // The command name is in parentheses and may hold spaces: fields after it start at state (field 3).
        var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
    }

    /// <summary>The peak resident set (VmHWM) of a process, 0 if unknown.</summary>
    public static long PeakResidentBytes(int pid)
    {
        var line = ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb)
            ? kb * 1024
            : 0;
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}

/// <summary>CPU used during a window: by the whole machine, by the benchmark and its child, and so by others.</summary>
internal sealed class CpuWindow
{
    private readonly Func<int?> _child;
    private readonly (long Busy, long Total) _machine;
    private readonly long _self;
    private readonly long _childStart;

    private CpuWindow(Func<int?> child)
    {
        _child = child;
        _machine = Machine.MachineTicks();
        _self = Machine.ProcessTicks(Environment.ProcessId);
        _childStart = child() is { } pid ? Machine.ProcessTicks(pid) : 0;
    }

    public static CpuWindow Start(Func<int?> child) => new(child);

    public CpuUse Stop()
    {
        var machine = Machine.MachineTicks();
        var total = machine.Total - _machine.Total;
        if (total <= 0)
        {
            return new CpuUse(0, 0, 0, 0);
        }

        var busy = machine.Busy - _machine.Busy;
        var self = Machine.ProcessTicks(Environment.ProcessId) - _self;
        var child = _child() is { } pid ? Machine.ProcessTicks(pid) - _childStart : 0;
        var others = Math.Max(0, busy - self - child);
        return new CpuUse(100.0 * busy / total, 100.0 * self / total, 100.0 * child / total, 100.0 * others / total);
    }
}

/// <summary>Shares of the machine's whole CPU capacity (all cores = 100 %).</summary>
internal sealed record CpuUse(double Machine, double Bench, double Server, double Others)
{
    public override string ToString() =>
        FormattableString.Invariant($"machine {Machine:0}% (server {Server:0}%, bench+SMTP {Bench:0}%, other processes {Others:0}%)");
}
