using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Common.Text;
using Floe.Core.Schemas;

namespace Floe.Cli.Input;

/// <summary>
/// Reads JSON lines (one object per line) into column batches of a table schema. Keys name columns; a missing key
/// or <c>null</c> is a null value. Numbers, strings and booleans are parsed for the column's type, so dates,
/// timestamps and decimals are written as ISO strings or numbers.
/// </summary>
public static class JsonLinesBatchReader
{
    public static async IAsyncEnumerable<ColumnBatch> ReadAsync(
        TextReader reader, Schema schema, int batchRows = 8192, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(schema);
        var columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < schema.Columns.Count; c++)
        {
            columnIndex[schema.Columns[c].Name] = c;
        }

        var builder = new RowBatchBuilder(schema, batchRows);
        var seen = new bool[schema.Columns.Count];
        byte[] bytes = ArrayPool<byte>.Shared.Rent(4096);
        char[] chars = ArrayPool<char>.Shared.Rent(256);
        try
        {
            long line = 0;
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
            {
                line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                int needed = 3 * text.Length;
                if (bytes.Length < needed)
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                    bytes = ArrayPool<byte>.Shared.Rent(needed);
                }

                int length = InvalidText.EncodeUtf8(text, bytes, out bool valid);
                Array.Clear(seen);
                ReadRow(bytes.AsSpan(0, length), line, valid, columnIndex, builder.Appenders, seen, ref chars);
                for (int c = 0; c < seen.Length; c++)
                {
                    if (!seen[c])
                    {
                        builder.Appenders[c].AppendNull(line);
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
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    // validUtf8: whether the line's bytes are valid UTF-8; when not, the value holding the bad bytes is named.
    private static void ReadRow(
        ReadOnlySpan<byte> json, long line, bool validUtf8, Dictionary<string, int> columnIndex, TextValueAppender[] appenders, bool[] seen, ref char[] chars)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Error(line, $"expected a JSON object, found {Describe(reader.TokenType)}");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!validUtf8 && !Utf8.IsValid(reader.ValueSpan))
                {
                    throw Error(line, $"a key is not valid UTF-8 ({Utf8Values.DescribeInvalid(reader.ValueSpan)})");
                }

                string name = reader.GetString()!;
                if (!columnIndex.TryGetValue(name, out int column))
                {
                    throw Error(line, $"the table has no column '{ErrorText.Excerpt(name)}'");
                }

                if (seen[column])
                {
                    throw Error(line, $"column '{ErrorText.Excerpt(name)}' appears twice");
                }

                seen[column] = true;
                reader.Read();
                TextValueAppender appender = appenders[column];
                switch (reader.TokenType)
                {
                    case JsonTokenType.Null:
                        appender.AppendNull(line);
                        break;
                    case JsonTokenType.True:
                        appender.Append("true", line);
                        break;
                    case JsonTokenType.False:
                        appender.Append("false", line);
                        break;
                    case JsonTokenType.Number:
                        ReadOnlySpan<byte> raw = reader.ValueSpan;
                        EnsureCapacity(ref chars, raw.Length);
                        int n = Encoding.ASCII.GetChars(raw, chars);
                        appender.Append(chars.AsSpan(0, n), line);
                        break;
                    case JsonTokenType.String:
                        if (!validUtf8 && !Utf8.IsValid(reader.ValueSpan))
                        {
                            throw Error(line, $"column '{name}': the value is not valid UTF-8 ({Utf8Values.DescribeInvalid(reader.ValueSpan)})", columnSeparator: true);
                        }

                        EnsureCapacity(ref chars, reader.ValueSpan.Length);
                        int copied = reader.CopyString(chars);
                        appender.Append(chars.AsSpan(0, copied), line);
                        break;
                    default:
                        throw Error(line, $"column '{name}': nested JSON values are not supported");
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                throw Error(line, $"expected one JSON object on the line, found {Describe(reader.TokenType)} after it");
            }
        }
        catch (JsonException e)
        {
            throw validUtf8
                ? Error(line, $"invalid JSON at column {(e.BytePositionInLine ?? reader.BytesConsumed) + 1}")
                : Error(line, $"the line is not valid UTF-8 outside any string value ({Utf8Values.DescribeInvalid(json)})");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.None => "nothing",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "something else",
    };

    private static void EnsureCapacity(ref char[] chars, int length)
    {
        if (chars.Length < length)
        {
            ArrayPool<char>.Shared.Return(chars);
            chars = ArrayPool<char>.Shared.Rent(length);
        }
    }

    // columnSeparator: the message starts with "column 'x': " and follows the line with a comma, as the appenders' do.
    private static FloeException Error(long line, string message, bool columnSeparator = false) =>
        new(FloeErrorKind.InvalidArgument, $"line {line}{(columnSeparator ? ", " : ": ")}{message}.");
}
