using System.Globalization;
using System.Text;

namespace Wireless.Perf.Report;

/// <summary>
/// One BenchmarkDotNet CSV report as <c>bench</c> writes it (<see cref="Benchmarks.BenchmarkConfig.CsvStyle"/>: comma
/// separated, quoted where needed, times in ns and sizes in bytes with the unit in the header only, invariant
/// culture with thousands separators).
/// </summary>
internal sealed class BenchmarkCsv
{
    private readonly Dictionary<string, int> _columns;

    private BenchmarkCsv(string[] header, List<string[]> rows)
    {
        _columns = header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i);
        Rows = rows;
    }

    public IReadOnlyList<string[]> Rows { get; }

    /// <summary>Reads <paramref name="path"/>; null if the file does not exist.</summary>
    public static BenchmarkCsv? Load(string path)
    {
        if (!File.Exists(path)) return null;
        var records = Parse(File.ReadAllText(path));
        if (records.Count == 0) throw new InvalidDataException($"{path} is empty");
        return new BenchmarkCsv(records[0], records.Skip(1).Where(r => r.Length == records[0].Length).ToList());
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    public string Text(string[] row, string column)
        => _columns.TryGetValue(column, out var i) ? row[i] : throw new InvalidDataException($"the CSV report has no column '{column}'");

    /// <summary>A numeric cell; NaN for "NA", "-" or an empty cell.</summary>
    public double Number(string[] row, string column)
    {
        var text = Text(row, column).Replace(",", "", StringComparison.Ordinal).Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
    }

    /// <summary>RFC 4180 records: fields separated by commas, quoted fields may hold commas and doubled quotes.</summary>
    private static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add([.. fields]);
                    fields.Clear();
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }
        return records;
    }
}
