namespace Floe.Cli.Output;

/// <summary>
/// Prints rows of cells as an aligned text table. Rows are buffered up to a window so column widths fit
/// the data without holding an unbounded result in memory.
/// </summary>
public sealed class TextTableWriter
{
    private const int MaxCellWidth = 60;
    private readonly TextWriter _output;
    private readonly string[] _header;

    public TextTableWriter(TextWriter output, IReadOnlyList<string> header)
    {
        _output = output;
        _header = [.. header];
    }

    /// <summary>Writes the header and <paramref name="rows"/>; returns the number of rows written.</summary>
    public long Write(IEnumerable<IReadOnlyList<string>> rows, int window = 1000)
    {
        long count = 0;
        var buffer = new List<string[]>(Math.Min(window, 1024));
        bool headerWritten = false;
        foreach (IReadOnlyList<string> row in rows)
        {
            buffer.Add([.. row]);
            count++;
            if (buffer.Count >= window)
            {
                Flush(buffer, ref headerWritten);
            }
        }

        Flush(buffer, ref headerWritten);
        return count;
    }

    private void Flush(List<string[]> buffer, ref bool headerWritten)
    {
        if (buffer.Count == 0 && headerWritten)
        {
            return;
        }

        var widths = new int[_header.Length];
        for (int i = 0; i < _header.Length; i++)
        {
            widths[i] = Math.Min(MaxCellWidth, _header[i].Length);
        }

        foreach (string[] row in buffer)
        {
            for (int i = 0; i < Math.Min(row.Length, widths.Length); i++)
            {
                widths[i] = Math.Max(widths[i], Math.Min(MaxCellWidth, row[i].Length));
            }
        }

        if (!headerWritten)
        {
            WriteRow(_header, widths);
            _output.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
            headerWritten = true;
        }

        foreach (string[] row in buffer)
        {
            WriteRow(row, widths);
        }

        buffer.Clear();
    }

    private void WriteRow(string[] cells, int[] widths)
    {
        for (int i = 0; i < widths.Length; i++)
        {
            if (i > 0)
            {
                _output.Write(" | ");
            }

            string cell = i < cells.Length ? cells[i] : string.Empty;
            cell = cell.Replace('\n', ' ').Replace('\r', ' ');
            if (cell.Length > widths[i])
            {
                cell = string.Concat(cell.AsSpan(0, widths[i] - 1), "…");
            }

            _output.Write(i == widths.Length - 1 ? cell : cell.PadRight(widths[i]));
        }

        _output.WriteLine();
    }
}
