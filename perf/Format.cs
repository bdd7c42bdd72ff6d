using System.Globalization;

namespace Wireless.Perf;

/// <summary>Number and duration formatting for the reports (invariant culture).</summary>
internal static class Format
{
    /// <summary>An integer with thousands separators: <c>65,792</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A rate or size with thousands separators and no decimals.</summary>
    public static string Count(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A percentage with one decimal: <c>42.0%</c>.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    /// <summary>A duration in the largest unit that keeps it at or above 1: <c>812 ns</c>, <c>3.41 ms</c>, <c>1.20 s</c>.</summary>
    public static string Duration(TimeSpan time)
    {
        var ns = time.TotalNanoseconds;
        return ns switch
        {
            < 1e3 => ns.ToString("F0", CultureInfo.InvariantCulture) + " ns",
            < 1e6 => (ns / 1e3).ToString("F2", CultureInfo.InvariantCulture) + " us",
            < 1e9 => (ns / 1e6).ToString("F2", CultureInfo.InvariantCulture) + " ms",
            _ => (ns / 1e9).ToString("F2", CultureInfo.InvariantCulture) + " s",
        };
    }
}
