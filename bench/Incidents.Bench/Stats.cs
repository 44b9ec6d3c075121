using System.Globalization;

namespace Incidents.Bench;

/// <summary>A distribution of durations in milliseconds: nearest-rank percentiles.</summary>
internal sealed class Distribution
{
    private readonly double[] _sorted;

    public Distribution(IEnumerable<double> milliseconds)
    {
        _sorted = milliseconds.ToArray();
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public double P50 => Percentile(0.50);

    public double P99 => Percentile(0.99);

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];

    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    public double Percentile(double q)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(q * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public override string ToString() => Count == 0
        ? "no samples"
        : $"n={Count} p50 {Format.Ms(P50)} p99 {Format.Ms(P99)} max {Format.Ms(Max)}";
}

internal static class Format
{
    public static string Ms(double ms) => double.IsNaN(ms)
        ? "n/a"
        : ms switch
        {
            < 10 => ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms",
            < 1000 => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms",
            _ => (ms / 1000).ToString("0.00", CultureInfo.InvariantCulture) + " s",
        };

    public static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("0", CultureInfo.InvariantCulture) + " MB";

    public static string Rate(double perSecond) => perSecond.ToString("0.0", CultureInfo.InvariantCulture) + "/s";

    public static string Ratio(double app, double floor) =>
        double.IsNaN(app) || double.IsNaN(floor) || floor <= 0 ? "n/a" : (app / floor).ToString("0.0", CultureInfo.InvariantCulture) + "×";

    public static string Number(double value, string format = "0.#") => value.ToString(format, CultureInfo.InvariantCulture);
}
