using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Floe.Avro.Container;
using Floe.Avro.Generic;
using Floe.Avro.Schemas;
using Floe.Cli.Output;

namespace Floe.Cli.Commands;

/// <summary><c>floe avro schema|cat|meta FILE</c>: inspect Avro container files (Iceberg manifests and manifest lists).</summary>
public static class AvroCommands
{
    private static readonly AvroJsonOptions JsonOptions = new() { LogicalTypesAsText = true };

    public static Command Create()
    {
        var group = new Command("avro", "Inspect Avro container files such as Iceberg manifests and manifest lists.");
        group.Subcommands.Add(CreateSchema());
        group.Subcommands.Add(CreateCat());
        group.Subcommands.Add(CreateMeta());
        return group;
    }

    private static Argument<FileInfo> FileArgument() => new("FILE") { Description = "The Avro container file." };

    private static Command CreateSchema()
    {
        var file = FileArgument();
        var command = new Command("schema", "Print the writer's schema JSON, indented.") { file };
        command.SetHandler(file, "Avro file", async (parse, context, ct) =>
        {
            AvroContainerReader reader = await OpenAsync(parse.GetValue(file)!, ct).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable disposeReader = reader.ConfigureAwait(false);
            await context.Output.WriteLineAsync(reader.Schema.ToJson(indented: true)).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateCat()
    {
        var file = FileArgument();
        Option<OutputFormat> format = CommonOptions.Format();
        Option<long?> limit = CommonOptions.Limit();
        var command = new Command("cat",
            "Print the records: a table of the top-level fields, or JSON lines in Avro's JSON encoding (bytes as \\u00XX "
            + "character strings, readable logical types; see docs/avro.md).")
        {
            file,
            format,
            limit,
        };
        command.SetHandler(file, "Avro file", async (parse, context, ct) =>
        {
            AvroContainerReader reader = await OpenAsync(parse.GetValue(file)!, ct).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable disposeReader = reader.ConfigureAwait(false);
            long max = parse.GetValue(limit) ?? long.MaxValue;
            if (parse.GetValue(format) == OutputFormat.Jsonl)
            {
                await foreach (object? record in Take(reader.ReadGenericAsync(cancellationToken: ct), max, ct).ConfigureAwait(false))
                {
                    await context.Output.WriteLineAsync(AvroJsonWriter.ToJson(record, reader.Schema, JsonOptions)).ConfigureAwait(false);
                }

                return;
            }

            // The table writer pulls rows as it prints them, so a large file streams block by block.
            IReadOnlyList<string> header = reader.Schema is RecordSchema recordSchema ? [.. recordSchema.Fields.Select(f => f.Name)] : ["value"];
            IEnumerable<IReadOnlyList<string>> rows = reader.ReadGeneric()
                .TakeWhile(_ => !ct.IsCancellationRequested)
                .Take(max >= int.MaxValue ? int.MaxValue : (int)max)
                .Select(record => (IReadOnlyList<string>)Row(record, reader.Schema));
            new TextTableWriter(context.Output, header).Write(rows);
            ct.ThrowIfCancellationRequested();
        });
        return command;
    }

    private static Command CreateMeta()
    {
        var file = FileArgument();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("meta", "Print the header: codec, schema name, sync marker, block and record counts, and metadata entries.")
        {
            file,
            format,
        };
        command.SetHandler(file, "Avro file", async (parse, context, ct) =>
        {
            FileInfo path = parse.GetValue(file)!;
            AvroContainerReader reader = await OpenAsync(path, ct).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable disposeReader = reader.ConfigureAwait(false);
            long blocks = 0;
            long records = 0;
            while (await reader.ReadBlockAsync(ct).ConfigureAwait(false) is AvroContainerBlock block)
            {
                blocks++;
                records += block.RecordCount;
            }

            var entries = new List<KeyValuePair<string, string>>
            {
                new("file", path.FullName),
                new("size", path.Length.ToString(CultureInfo.InvariantCulture)),
                new("codec", reader.Header.Codec.Name),
                new("schema", reader.Schema.DisplayName),
                new("sync", Convert.ToHexStringLower(reader.Header.SyncMarker.Span)),
                new("blocks", blocks.ToString(CultureInfo.InvariantCulture)),
                new("records", records.ToString(CultureInfo.InvariantCulture)),
            };
            foreach (KeyValuePair<string, byte[]> entry in reader.Header.Metadata)
            {
                if (entry.Key is not (AvroContainerFormat.SchemaKey or AvroContainerFormat.CodecKey))
                {
                    entries.Add(new("meta." + entry.Key, MetadataText(entry.Value)));
                }
            }

            if (parse.GetValue(format) == OutputFormat.Jsonl)
            {
                var buffer = new MemoryStream();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    foreach (KeyValuePair<string, string> entry in entries)
                    {
                        json.WriteString(entry.Key, entry.Value);
                    }

                    json.WriteEndObject();
                }

                await context.Output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
                return;
            }

            new TextTableWriter(context.Output, ["key", "value"]).Write(entries.Select(e => (IReadOnlyList<string>)[e.Key, e.Value]));
        });
        return command;
    }

    private static async Task<AvroContainerReader> OpenAsync(FileInfo file, CancellationToken cancellationToken)
    {
        var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        try
        {
            return await AvroContainerReader.OpenAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async IAsyncEnumerable<object?> Take(IAsyncEnumerable<object?> source, long max,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            yield break;
        }

        long count = 0;
        await foreach (object? item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
            if (++count >= max)
            {
                yield break;
            }
        }
    }

    private static string[] Row(object? record, AvroSchema schema)
    {
        if (record is AvroRecord avroRecord && schema is RecordSchema recordSchema)
        {
            var cells = new string[recordSchema.Fields.Count];
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = Cell(avroRecord.Values[i], recordSchema.Fields[i].Schema);
            }

            return cells;
        }

        return [Cell(record, schema)];
    }

    private static string Cell(object? value, AvroSchema schema)
    {
        string json = AvroJsonWriter.ToJson(value, schema, JsonOptions);
        // Plain strings read better without quotes in a table; everything else stays JSON.
        return json.Length >= 2 && json[0] == '"' && value is string text ? text : json;
    }

    private static string MetadataText(byte[] value)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(value);
        }
        catch (DecoderFallbackException)
        {
            return "0x" + Convert.ToHexStringLower(value);
        }
    }
}
