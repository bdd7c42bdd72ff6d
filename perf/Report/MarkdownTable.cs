namespace Wireless.Perf.Report;

/// <summary>A GitHub markdown table, with right-aligned numeric columns; readable on a console too.</summary>
internal sealed class MarkdownTable(params (string Header, bool Numeric)[] columns)
{
    private readonly List<string[]> _rows = [];

    public void AddRow(params string[] cells)
    {
        if (cells.Length != columns.Length)
            throw new ArgumentException($"a row needs {columns.Length} cells (got {cells.Length})", nameof(cells));
        _rows.Add(cells);
    }

    public void Write(TextWriter writer)
    {
        var widths = columns.Select((c, i) => _rows.Select(r => r[i].Length).Prepend(Math.Max(3, c.Header.Length)).Max()).ToArray();
        writer.WriteLine(Line(columns.Select(c => c.Header).ToArray(), widths));
        writer.WriteLine("|" + string.Join("|", widths.Select((w, i) => columns[i].Numeric ? " " + new string('-', w - 1) + ": " : " " + new string('-', w) + " ")) + "|");
        foreach (var row in _rows) writer.WriteLine(Line(row, widths));
    }

    private string Line(string[] cells, int[] widths)
        => "|" + string.Join("|", cells.Select((cell, i) => " " + (columns[i].Numeric ? cell.PadLeft(widths[i]) : cell.PadRight(widths[i])) + " ")) + "|";
}
