namespace Wireless.Reporting;

/// <summary>A plain-text table: each column is padded to its widest cell, columns two spaces apart.</summary>
public sealed class TextTable
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

    /// <summary>Writes the header line and the rows, each line prefixed by <paramref name="indent"/>.</summary>
    public void Write(TextWriter writer, string indent = "  ")
    {
        var lines = _rows.Prepend(_headers).ToList();
        var widths = new int[_headers.Length];
        foreach (var row in lines)
            for (var c = 0; c < row.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
        foreach (var row in lines)
        {
            var cells = row.Select((cell, c) => _rightAligned[c] ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]));
            writer.WriteLine((indent + string.Join("  ", cells)).TrimEnd());
        }
    }
}
