using System.Globalization;
using System.Text;

namespace Wireless.Perf.Report;

/// <summary>
/// A line chart as a standalone SVG file: x on a log-10 axis (or linear, for small counts such as threads), y linear
/// from 0, one polyline with point markers per series, and a legend. Enough for "cost per task against task count" and
/// "against scheduler threads"; no dependencies.
/// </summary>
internal static class SvgPlot
{
    private const int Width = 720, Height = 440, Left = 70, Right = 170, Top = 40, Bottom = 60;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#7f7f7f", "#9467bd", "#ff7f0e"];

    /// <summary>A named series of (x, y) points; NaN values are skipped.</summary>
    public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points);

    /// <summary>How far past a power of ten, in decades (about 5 %), a point may lie and still count as on it.</summary>
    private const double DecadeSlack = 0.02;

    public static string Render(string title, string xLabel, string yLabel, IReadOnlyList<Series> series, bool logX = true)
    {
        var points = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && p.X > 0 && double.IsFinite(p.Y)).ToArray();
        if (points.Length == 0) throw new InvalidDataException($"no data to plot for '{title}'");
        // Log: the decades that hold the points; a point a few percent past a power of ten (task counts are approximate)
        // does not open another, empty decade. Linear: from 0 to a round number at or above the largest x.
        var xMin = logX ? Math.Floor(Math.Log10(points.Min(p => p.X)) + DecadeSlack) : 0;
        var xMax = logX ? Math.Ceiling(Math.Log10(points.Max(p => p.X)) - DecadeSlack) : NiceCeiling(points.Max(p => p.X));
        if (xMax <= xMin) xMax = xMin + 1;
        var yMax = NiceCeiling(points.Max(p => p.Y) * 1.05);
        double Px(double x) => Left + ((logX ? Math.Log10(x) : x) - xMin) / (xMax - xMin) * (Width - Left - Right);
        double Py(double y) => Height - Bottom - y / yMax * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.AppendLine(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">"));
        svg.AppendLine(F($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>"));
        svg.AppendLine(F($"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(title)}</text>"));
        var xTicks = logX ? Enumerable.Range(0, (int)(xMax - xMin) + 1).Select(i => (Value: Math.Pow(10, xMin + i), Label: Pow10Label(xMin + i)))
            : LinearTicks(xMax).Select(v => (Value: v, Label: F($"{v:G4}")));
        foreach (var (value, label) in xTicks)
        {
            var x = Px(value);
            svg.AppendLine(F($"<line x1=\"{x:F1}\" y1=\"{Top}\" x2=\"{x:F1}\" y2=\"{Height - Bottom}\" stroke=\"#ddd\"/>"));
            svg.AppendLine(F($"<text x=\"{x:F1}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{Escape(label)}</text>"));
        }
        for (var i = 0; i <= 5; i++)
        {
            var v = yMax * i / 5;
            var y = Py(v);
            svg.AppendLine(F($"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Width - Right}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>"));
            svg.AppendLine(F($"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{v:G4}</text>"));
        }
        svg.AppendLine(F($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#333\"/>"));
        svg.AppendLine(F($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 18}\" text-anchor=\"middle\">{Escape(xLabel)}</text>"));
        svg.AppendLine(F($"<text transform=\"translate(18,{(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Escape(yLabel)}</text>"));
        for (var s = 0; s < series.Count; s++)
        {
            var color = Colors[s % Colors.Length];
            var pts = series[s].Points.Where(p => double.IsFinite(p.X) && p.X > 0 && double.IsFinite(p.Y)).OrderBy(p => p.X).ToArray();
            if (pts.Length > 1)
                svg.AppendLine(F($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(" ", pts.Select(p => F($"{Px(p.X):F1},{Py(p.Y):F1}")))}\"/>"));
            foreach (var p in pts) svg.AppendLine(F($"<circle cx=\"{Px(p.X):F1}\" cy=\"{Py(p.Y):F1}\" r=\"3.5\" fill=\"{color}\"/>"));
            var ly = Top + 10 + s * 20;
            svg.AppendLine(F($"<line x1=\"{Width - Right + 15}\" y1=\"{ly}\" x2=\"{Width - Right + 40}\" y2=\"{ly}\" stroke=\"{color}\" stroke-width=\"2\"/>"));
            svg.AppendLine(F($"<text x=\"{Width - Right + 46}\" y=\"{ly + 4}\">{Escape(series[s].Name)}</text>"));
        }
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static string Pow10Label(double exponent) => exponent switch
    {
        >= 6 => F($"{Math.Pow(10, exponent - 6):G3}M"),
        >= 3 => F($"{Math.Pow(10, exponent - 3):G3}K"),
        _ => F($"{Math.Pow(10, exponent):G3}"),
    };

    /// <summary>Ticks from 0 to <paramref name="max"/>: every integer up to 10, every other up to 20, else tenths of the axis.</summary>
    private static IEnumerable<double> LinearTicks(double max)
    {
        var step = max <= 10 ? 1 : max <= 20 ? 2 : max / 10;
        for (var v = 0.0; v <= max + step / 2; v += step) yield return v;
    }

    /// <summary>The smallest 1, 2 or 5 times a power of ten at or above <paramref name="value"/>.</summary>
    private static double NiceCeiling(double value)
    {
        if (value <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
            if (step * magnitude >= value) return step * magnitude;
        return 10 * magnitude;
    }

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
