namespace Wireless.Spec.Cli;

/// <summary>A plain-text table with aligned columns (right-aligned where asked, for numbers).</summary>
internal sealed class TextTable
{
    private readonly (string Header, bool Right)[] _columns;
    private readonly List<string[]> _rows = [];

    public TextTable(params (string Header, bool Right)[] columns) => _columns = columns;

    public void AddRow(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter output)
    {
        var widths = _columns.Select((c, i) => Math.Max(c.Header.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(_columns.Select(c => c.Header).ToArray(), widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows) output.WriteLine(Line(row, widths));
    }

    private string Line(string[] cells, int[] widths)
        => string.Join("  ", cells.Select((c, i) => _columns[i].Right ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
}
