using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Floe.Cli.Output;
using Floe.Common.Columnar;
using Floe.Parquet.Compression;
using Floe.Parquet.Metadata;
using Floe.Parquet.Reading;
using Floe.Parquet.Schemas;

namespace Floe.Cli.Commands;

/// <summary><c>floe parquet schema|meta|cat FILE</c>: inspect Parquet files (Iceberg data and delete files).</summary>
public static class ParquetCommands
{
    public static Command Create()
    {
        var group = new Command("parquet", "Inspect Parquet files such as Iceberg data and delete files.");
        group.Subcommands.Add(CreateSchema());
        group.Subcommands.Add(CreateMeta());
        group.Subcommands.Add(CreateCat());
        return group;
    }

    private static Argument<FileInfo> FileArgument() => new("FILE") { Description = "The Parquet file." };

    private static Command CreateSchema()
    {
        var file = FileArgument();
        var command = new Command(
            "schema",
            "Print the schema tree: repetition, physical type, name, field id (after '=') and logical type (in parentheses).")
        {
            file,
        };
        command.SetHandler(file, "Parquet file", async (parse, context, ct) =>
        {
            ParquetFileReader reader = await ParquetFileReader.OpenAsync(parse.GetValue(file)!.FullName, ct).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable disposeReader = reader.ConfigureAwait(false);
            await context.Output.WriteAsync(ParquetSchemaText.Format(reader.Schema)).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateMeta()
    {
        var file = FileArgument();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command(
            "meta",
            "Print the footer: writer, rows, row groups and key-value metadata, then one line per column chunk with its path, "
            + "physical type, encodings, codec, compressed and uncompressed bytes, values, nulls and min/max statistics "
            + "(rendered like 'cat' renders values). jsonl prints the file object first, then one object per chunk.")
        {
            file,
            format,
        };
        command.SetHandler(file, "Parquet file", async (parse, context, ct) =>
        {
            FileInfo path = parse.GetValue(file)!;
            ParquetFileReader reader = await ParquetFileReader.OpenAsync(path.FullName, ct).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable disposeReader = reader.ConfigureAwait(false);
            var entries = new List<KeyValuePair<string, string>>
            {
                new("file", path.FullName),
                new("size", reader.FileLength.ToString(CultureInfo.InvariantCulture)),
                new("created_by", reader.CreatedBy ?? string.Empty),
                new("version", reader.Metadata.Version.ToString(CultureInfo.InvariantCulture)),
                new("rows", reader.RowCount.ToString(CultureInfo.InvariantCulture)),
                new("row_groups", reader.RowGroups.Count.ToString(CultureInfo.InvariantCulture)),
                new("columns", reader.Schema.Columns.Count.ToString(CultureInfo.InvariantCulture)),
            };
            entries.AddRange(reader.KeyValueMetadata.Select(kv => new KeyValuePair<string, string>("meta." + kv.Key, kv.Value ?? string.Empty)));
            List<string[]> chunks = ChunkRows(reader);
            if (parse.GetValue(format) == OutputFormat.Jsonl)
            {
                await context.Output.WriteLineAsync(JsonLine(json =>
                {
                    foreach (KeyValuePair<string, string> entry in entries)
                    {
                        json.WriteString(entry.Key, entry.Value);
                    }
                })).ConfigureAwait(false);
                foreach (string[] chunk in chunks)
                {
                    await context.Output.WriteLineAsync(JsonLine(json =>
                    {
                        for (int i = 0; i < ChunkHeader.Length; i++)
                        {
                            json.WriteString(ChunkHeader[i], chunk[i]);
                        }
                    })).ConfigureAwait(false);
                }

                return;
            }

            new TextTableWriter(context.Output, ["key", "value"]).Write(entries.Select(e => (IReadOnlyList<string>)[e.Key, e.Value]));
            await context.Output.WriteLineAsync().ConfigureAwait(false);
            new TextTableWriter(context.Output, ChunkHeader).Write(chunks);
        });
        return command;
    }

    private static Command CreateCat()
    {
        var file = FileArgument();
        Option<OutputFormat> format = CommonOptions.Format();
        Option<long?> limit = CommonOptions.Limit();
        var columns = new Option<string?>("--columns")
        {
            Description = "Comma-separated top-level columns to print, in this order (default: all).",
        };
        var command = new Command(
            "cat",
            "Print the rows. Timestamps are ISO-8601 (Z when UTC-adjusted), dates yyyy-MM-dd, times HH:mm:ss.ffffff, "
            + "decimals with their scale (JSON strings in jsonl), binary and fixed values as lowercase hex, UUIDs canonical, "
            + "and structs, lists and maps as JSON.")
        {
            file,
            columns,
            format,
            limit,
        };
        command.SetHandler(file, "Parquet file", async (parse, context, ct) =>
        {
            ParquetFileReader reader = await ParquetFileReader.OpenAsync(parse.GetValue(file)!.FullName, ct).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable disposeReader = reader.ConfigureAwait(false);
            string? selected = parse.GetValue(columns);
            var options = new ParquetReadOptions
            {
                Columns = selected is null ? null : [.. selected.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            };
            IReadOnlyList<ColumnField> fields = reader.GetProjectedFields(options);
            long max = parse.GetValue(limit) ?? long.MaxValue;
            if (parse.GetValue(format) == OutputFormat.Jsonl)
            {
                await foreach (string line in JsonRows(reader, options, max, ct).ConfigureAwait(false))
                {
                    await context.Output.WriteLineAsync(line).ConfigureAwait(false);
                }

                return;
            }

            // The table writer pulls rows as it prints them, so a large file streams row group by row group.
            new TextTableWriter(context.Output, [.. fields.Select(f => f.Name)]).Write(TextRows(reader, options, max, ct).ToBlockingEnumerable(ct));
        });
        return command;
    }

    private static readonly string[] ChunkHeader =
    [
        "row_group", "path", "type", "encodings", "codec", "compressed", "uncompressed", "values", "nulls", "min", "max",
    ];

    private static List<string[]> ChunkRows(ParquetFileReader reader)
    {
        var rows = new List<string[]>();
        for (int g = 0; g < reader.RowGroups.Count; g++)
        {
            RowGroup group = reader.RowGroups[g];
            foreach (ColumnDescriptor column in reader.Schema.Columns)
            {
                ColumnMetaData? meta = group.Columns[column.Index].MetaData;
                if (meta is null)
                {
                    rows.Add([g.ToString(CultureInfo.InvariantCulture), column.DottedPath, "encrypted", "", "", "", "", "", "", "", ""]);
                    continue;
                }

                ColumnStatistics? stats = StatisticsDecoder.Decode(column, meta);
                rows.Add(
                [
                    g.ToString(CultureInfo.InvariantCulture),
                    column.DottedPath,
                    PhysicalName(meta.Type),
                    string.Join(",", meta.Encodings.Select(EncodingName)),
                    CodecName(meta.Codec),
                    meta.TotalCompressedSize.ToString(CultureInfo.InvariantCulture),
                    meta.TotalUncompressedSize.ToString(CultureInfo.InvariantCulture),
                    meta.NumValues.ToString(CultureInfo.InvariantCulture),
                    stats?.NullCount?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                    ParquetValueFormatter.Bound(stats?.Min, column.Type),
                    ParquetValueFormatter.Bound(stats?.Max, column.Type),
                ]);
            }
        }

        return rows;
    }

    private static async IAsyncEnumerable<ColumnBatch> Batches(
        ParquetFileReader reader, ParquetReadOptions options, long max, [EnumeratorCancellation] CancellationToken ct)
    {
        long remaining = max;
        for (int g = 0; g < reader.RowGroups.Count && remaining > 0; g++)
        {
            ColumnBatch batch = await reader.ReadRowGroupAsync(g, options, ct).ConfigureAwait(false);
            remaining -= batch.RowCount;
            yield return batch;
        }
    }

    private static async IAsyncEnumerable<string> JsonRows(
        ParquetFileReader reader, ParquetReadOptions options, long max, [EnumeratorCancellation] CancellationToken ct)
    {
        long printed = 0;
        await foreach (ColumnBatch batch in Batches(reader, options, max, ct).ConfigureAwait(false))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount && printed < max; row++, printed++)
                {
                    yield return JsonLine(json =>
                    {
                        for (int c = 0; c < batch.Fields.Count; c++)
                        {
                            json.WritePropertyName(batch.Fields[c].Name);
                            ParquetValueFormatter.WriteJson(json, batch.Column(c), row);
                        }
                    });
                }
            }
        }
    }

    private static async IAsyncEnumerable<IReadOnlyList<string>> TextRows(
        ParquetFileReader reader, ParquetReadOptions options, long max, [EnumeratorCancellation] CancellationToken ct)
    {
        long printed = 0;
        await foreach (ColumnBatch batch in Batches(reader, options, max, ct).ConfigureAwait(false))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount && printed < max; row++, printed++)
                {
                    var cells = new string[batch.Fields.Count];
                    for (int c = 0; c < cells.Length; c++)
                    {
                        cells[c] = ParquetValueFormatter.Text(batch.Column(c), row);
                    }

                    yield return cells;
                }
            }
        }
    }

    private static string JsonLine(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeProperties(json);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string PhysicalName(PhysicalType type) => type switch
    {
        PhysicalType.Boolean => "BOOLEAN",
        PhysicalType.Int32 => "INT32",
        PhysicalType.Int64 => "INT64",
        PhysicalType.Int96 => "INT96",
        PhysicalType.Float => "FLOAT",
        PhysicalType.Double => "DOUBLE",
        PhysicalType.ByteArray => "BYTE_ARRAY",
        PhysicalType.FixedLenByteArray => "FIXED_LEN_BYTE_ARRAY",
        _ => ((int)type).ToString(CultureInfo.InvariantCulture),
    };

    private static string EncodingName(Encoding encoding) => encoding switch
    {
        Encoding.Plain => "PLAIN",
        Encoding.PlainDictionary => "PLAIN_DICTIONARY",
        Encoding.Rle => "RLE",
        Encoding.BitPacked => "BIT_PACKED",
        Encoding.DeltaBinaryPacked => "DELTA_BINARY_PACKED",
        Encoding.DeltaLengthByteArray => "DELTA_LENGTH_BYTE_ARRAY",
        Encoding.DeltaByteArray => "DELTA_BYTE_ARRAY",
        Encoding.RleDictionary => "RLE_DICTIONARY",
        Encoding.ByteStreamSplit => "BYTE_STREAM_SPLIT",
        _ => ((int)encoding).ToString(CultureInfo.InvariantCulture),
    };

    private static string CodecName(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Lz4Raw => "LZ4_RAW",
        _ => codec.ToString().ToUpperInvariant(),
    };
}
