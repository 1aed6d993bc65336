using System.Runtime.CompilerServices;
using System.Text;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Schemas;

namespace Floe.Cli.Input;

/// <summary>
/// Reads CSV with a header row (RFC 4180 quoting, quoted fields may span lines) into column batches of a table
/// schema. Header names pick the columns; columns missing from the header are null. An empty unquoted field is null.
/// Read from a <see cref="Utf8LineReader"/>, a field with bytes that are not UTF-8 is refused naming line and column.
/// </summary>
public static class CsvBatchReader
{
    public static async IAsyncEnumerable<ColumnBatch> ReadAsync(
        TextReader reader, Schema schema, int batchRows = 8192, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(schema);
        var record = new CsvRecord();
        long line = 1;
        string? headerLine = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, "line 1: the CSV input is empty; a header row is expected.");
        await record.ParseAsync(headerLine, reader, line, cancellationToken).ConfigureAwait(false);
        line += record.ExtraLines;
        int[] columnOf = MapHeader(record, schema);
        var builder = new RowBatchBuilder(schema, batchRows);
        var seen = new bool[schema.Columns.Count];
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
        {
            line++;
            long startLine = line;
            if (text.Length == 0)
            {
                continue;
            }

            await record.ParseAsync(text, reader, line, cancellationToken).ConfigureAwait(false);
            line += record.ExtraLines;
            if (record.Count != columnOf.Length)
            {
                throw new FloeException(
                    FloeErrorKind.InvalidArgument, $"line {startLine}: {record.Count} fields, but the header has {columnOf.Length}.");
            }

            Array.Clear(seen);
            TextValueAppender[] appenders = builder.Appenders;
            for (int f = 0; f < columnOf.Length; f++)
            {
                int column = columnOf[f];
                seen[column] = true;
                if (record.IsNull(f))
                {
                    appenders[column].AppendNull(startLine);
                }
                else
                {
                    appenders[column].Append(record.Field(f), startLine);
                }
            }

            for (int c = 0; c < seen.Length; c++)
            {
                if (!seen[c])
                {
                    appenders[c].AppendNull(startLine);
                }
            }

            if (builder.IsFull)
            {
                yield return builder.Take();
            }
        }

        if (builder.RowCount > 0)
        {
            yield return builder.Take();
        }
    }

    private static int[] MapHeader(CsvRecord header, Schema schema)
    {
        var columnOf = new int[header.Count];
        var used = new HashSet<int>();
        for (int f = 0; f < header.Count; f++)
        {
            ReadOnlySpan<char> field = header.Field(f).Trim();
            int invalid = InvalidText.IndexOfUnpairedSurrogate(field);
            if (invalid >= 0)
            {
                throw new FloeException(
                    FloeErrorKind.InvalidArgument, $"line 1: header field {f + 1} is not valid UTF-8 ({InvalidText.Describe(field, invalid)}).");
            }

            string name = field.ToString();
            int index = -1;
            for (int c = 0; c < schema.Columns.Count; c++)
            {
                if (string.Equals(schema.Columns[c].Name, name, StringComparison.Ordinal))
                {
                    index = c;
                    break;
                }
            }

            if (index < 0)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"line 1: the table has no column '{ErrorText.Excerpt(name)}'.");
            }

            if (!used.Add(index))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"line 1: column '{ErrorText.Excerpt(name)}' appears twice in the header.");
            }

            columnOf[f] = index;
        }

        return columnOf;
    }

    /// <summary>The fields of one record, kept in one reusable character buffer.</summary>
    private sealed class CsvRecord
    {
        private readonly StringBuilder _text = new();
        private readonly List<(int Start, int Length, bool Quoted)> _fields = [];
        private char[] _chars = [];

        public int Count => _fields.Count;

        public int ExtraLines { get; private set; }

        public ReadOnlySpan<char> Field(int index)
        {
            (int start, int length, _) = _fields[index];
            return _chars.AsSpan(start, length);
        }

        public bool IsNull(int index) => _fields[index] is { Length: 0, Quoted: false };

        public async ValueTask ParseAsync(string first, TextReader reader, long line, CancellationToken cancellationToken)
        {
            _text.Clear();
            _fields.Clear();
            ExtraLines = 0;
            string current = first;
            int pos = 0;
            int fieldStart = 0;
            bool quoted = false;
            bool inQuotes = false;
            while (true)
            {
                if (pos >= current.Length)
                {
                    if (inQuotes)
                    {
                        string? next = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"line {line}: a quoted field is not closed before the end of the input.");
                        ExtraLines++;
                        _text.Append('\n');
                        current = next;
                        pos = 0;
                        continue;
                    }

                    _fields.Add((fieldStart, _text.Length - fieldStart, quoted));
                    break;
                }

                char c = current[pos++];
                if (inQuotes)
                {
                    if (c == '"')
                    {
                        if (pos < current.Length && current[pos] == '"')
                        {
                            _text.Append('"');
                            pos++;
                        }
                        else
                        {
                            inQuotes = false;
                        }
                    }
                    else
                    {
                        _text.Append(c);
                    }
                }
                else if (c == ',')
                {
                    _fields.Add((fieldStart, _text.Length - fieldStart, quoted));
                    fieldStart = _text.Length;
                    quoted = false;
                }
                else if (c == '"' && _text.Length == fieldStart)
                {
                    inQuotes = true;
                    quoted = true;
                }
                else
                {
                    _text.Append(c);
                }
            }

            if (_chars.Length < _text.Length)
            {
                _chars = new char[Math.Max(_text.Length, _chars.Length * 2)];
            }

            _text.CopyTo(0, _chars, _text.Length);
        }
    }
}
