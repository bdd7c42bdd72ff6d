namespace Wireless.Cli;

/// <summary>
/// The plain-text table of the three command lines (linked into perf, coyote-tests and spec): each column padded to
/// its widest cell, columns two spaces apart, numbers right-aligned where asked, trailing blanks trimmed.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <summary>One column per entry; numeric columns are usually right-aligned.</summary>
    public TextTable(params (string Header, bool RightAligned)[] columns)
    {
        _headers = columns.Select(c => c.Header).ToArray();
        _rightAligned = columns.Select(c => c.RightAligned).ToArray();
    }

    public void AddRow(params string[] cells)
    {
        if (cells.Length != _headers.Length)
            throw new ArgumentException($"a row needs {_headers.Length} cells (got {cells.Length})", nameof(cells));
        _rows.Add(cells);
    }

    /// <summary>
    /// Writes the header line, a rule of dashes under it when <paramref name="rule"/> is set, and the rows, each line
    /// prefixed by <paramref name="indent"/>.
    /// </summary>
    public void Write(TextWriter writer, string indent = "  ", bool rule = false)
    {
        var widths = new int[_headers.Length];
        foreach (var row in _rows.Prepend(_headers))
            for (var c = 0; c < row.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        WriteLine(writer, indent, _headers, widths);
        if (rule) writer.WriteLine(indent + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows) WriteLine(writer, indent, row, widths);
    }

    private void WriteLine(TextWriter writer, string indent, string[] row, int[] widths)
    {
        var cells = row.Select((cell, c) => _rightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
        writer.WriteLine((indent + string.Join("  ", cells)).TrimEnd());
    }
}
