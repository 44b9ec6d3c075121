using System.Globalization;

namespace Incidents.Bench;

/// <summary>Command-line options. The defaults are the figures; --quick is a short smoke run.</summary>
internal sealed class BenchOptions
{
    /// <summary>P2's light load: one reporter, this many reports a second.</summary>
    public const double LightRate = 4;

    public const string Usage = """
        Incidents benchmark (issue 7). Runs the real app (Release build of src/Incidents.Web) as a child process on
        127.0.0.1 with a loopback SMTP server in this process, and the hand-written floor, and prints the figures.

          dotnet run -c Release --project bench/Incidents.Bench [-- options]

          --quick              3 s load phases, 3 s paced phases, 40 suspensions over 12 s, 20 000 incidents (a smoke run, ~1.5 min)
          --phase SECONDS      length of each P1 load phase (default 20)
          --warmup SECONDS     warm-up before the P1 phases, not measured (default 5)
          --paced SECONDS      length of each paced P2 phase (default 10)
          --busy-rate N        P2's busy load: 16 reporters sending N reports/s in all (default 20)
          --suspensions N      P3 suspensions (default 200)
          --spread SECONDS     P3: suspensions start spread over this long (default 60)
          --period SECONDS     P3: Suspension:Period (default 5)
          --incidents N        P4: incidents in the database (default 100000)
          --open N             P4: of which open, in the triage queue (default 300)
          --triage-scale LIST  P4: triage queue sizes to re-measure at, comma-separated (default 3000,30000)
          --only LIST          run only these parts: p1 (P1/P2/P5), p3, floor, p4 (default all); or export: P4's
                               dataset and only the register export (CSV and XLSX) with the app's peak memory
          --app PATH           Incidents.Web.dll to run (default: the one built beside this program)
          --keep               keep the temporary folders (databases) for inspection
          --app-env KEY=VALUE  an extra environment variable for the app (repeatable), for experiments
          --sqlite-busy-timeout MS
                               WHAT-IF, not the product as shipped: a startup hook sets PRAGMA busy_timeout
                               on every SQLite connection the app opens (see StartupHook.cs)
        """;

    public TimeSpan Phase { get; private set; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>P2's busy load: 16 reporters together sending this many reports a second.</summary>
    public double BusyRate { get; private set; } = 20;

    public int Suspensions { get; private set; } = 200;

    public TimeSpan Spread { get; private set; } = TimeSpan.FromSeconds(60);

    public TimeSpan Period { get; private set; } = TimeSpan.FromSeconds(5);

    public int Incidents { get; private set; } = 100_000;

    public int Open { get; private set; } = 300;

    public IReadOnlyList<int> TriageScale { get; private set; } = [3_000, 30_000];

    public TimeSpan ReadPhase { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>Length of each paced P2 phase.</summary>
    public TimeSpan PacedPhase { get; private set; } = TimeSpan.FromSeconds(10);

    public bool Quick { get; private set; }

    public string? AppDll { get; private set; }

    public bool Keep { get; private set; }

    public Dictionary<string, string> AppEnvironment { get; } = [];

    public int? SqliteBusyTimeout { get; private set; }

    /// <summary>Whether the app runs as shipped (no experiment).</summary>
    public bool AsShipped => AppEnvironment.Count == 0 && SqliteBusyTimeout is null;

    public IReadOnlySet<string> Only { get; private set; } = new HashSet<string> { "p1", "p3", "floor", "p4" };

    public bool Runs(string part) => Only.Contains(part);

    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            double Seconds() => double.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--quick":
                    o.Quick = true;
                    o.Phase = TimeSpan.FromSeconds(3);
                    o.Warmup = TimeSpan.FromSeconds(1);
                    o.Suspensions = 40;
                    o.Spread = TimeSpan.FromSeconds(12);
                    o.Incidents = 20_000;
                    o.TriageScale = [3_000];
                    o.ReadPhase = TimeSpan.FromSeconds(2);
                    o.PacedPhase = TimeSpan.FromSeconds(3);
                    break;
                case "--phase":
                    o.Phase = TimeSpan.FromSeconds(Seconds());
                    break;
                case "--busy-rate":
                    o.BusyRate = double.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--paced":
                    o.PacedPhase = TimeSpan.FromSeconds(Seconds());
                    break;
                case "--warmup":
                    o.Warmup = TimeSpan.FromSeconds(Seconds());
                    break;
                case "--suspensions":
                    o.Suspensions = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--spread":
                    o.Spread = TimeSpan.FromSeconds(Seconds());
                    break;
                case "--period":
                    o.Period = TimeSpan.FromSeconds(Seconds());
                    break;
                case "--incidents":
                    o.Incidents = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--open":
                    o.Open = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--triage-scale":
                    o.TriageScale = Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
                    break;
                case "--only":
                    o.Only = Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim().ToLowerInvariant()).ToHashSet();
                    break;
                case "--app":
                    o.AppDll = Path.GetFullPath(Next());
                    break;
                case "--app-env":
                    var pair = Next().Split('=', 2);
                    o.AppEnvironment[pair[0]] = pair.Length == 2 ? pair[1] : throw new ArgumentException("--app-env takes KEY=VALUE.");
                    break;
                case "--sqlite-busy-timeout":
                    o.SqliteBusyTimeout = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--keep":
                    o.Keep = true;
                    break;
                case "-h" or "--help":
                    return null;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        if (o.Open > o.Incidents || o.Suspensions < 1 || o.Period <= TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("--open must not exceed --incidents, --suspensions must be at least 1 and --period longer than 1 s.");
        }

        return o;
    }
}
