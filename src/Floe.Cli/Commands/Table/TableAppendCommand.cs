using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using Floe.Catalog;
using Floe.Cli.Input;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Mapping;
using Floe.Core.Schemas;
using Floe.Table.Data.Reading;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// <c>floe table append ns.tbl FILE</c>: reads CSV (header row), JSON lines or Parquet into the table's schema,
/// and appends them with <see cref="IcebergTable.AppendAsync"/>. Nothing is committed when any row fails to parse; the
/// data files written so far are deleted.
/// </summary>
internal static class TableAppendCommand
{
    internal enum InputFormat
    {
        Csv,
        Jsonl,
        Parquet,
    }

    public static Command Create()
    {
        var table = new TableOptions();
        var file = new Argument<FileInfo>("FILE") { Description = "The rows to append: .csv, .jsonl/.json/.ndjson or .parquet." };
        var format = new Option<InputFormat?>("--input-format") { Description = "csv, jsonl or parquet (default: from the file extension)." };
        var command = new Command("append", "Append the rows of a CSV, JSON lines or Parquet file to a table in one commit.") { format };
        table.AddTo(command);
        command.Arguments.Add(file);
        command.SetHandler(async (parse, context, ct) =>
        {
            FileInfo input = parse.GetValue(file)!;
            InputFormat inputFormat = parse.GetValue(format) ?? FormatOf(input);
            ICatalog catalog = await table.CatalogAsync(parse, ct).ConfigureAwait(false);
            if (await catalog.IsPrimaryKeyTableAsync(table.Identifier(parse), ct).ConfigureAwait(false))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {table.Identifier(parse)} has a primary key: write to it with 'floe table upsert'.");
            }

            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            if (!input.Exists)
            {
                throw new FloeException(FloeErrorKind.NotFound, $"Input file '{input.FullName}' does not exist.");
            }

            DataWriteResult result = await opened.AppendAsync(ReadAsync(input, inputFormat, opened.Schema, ct), ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync(result.SnapshotId is not long snapshot
                ? "no rows to append; nothing committed"
                : string.Create(CultureInfo.InvariantCulture, $"appended {result.Rows} rows in {result.DataFiles} files; snapshot {snapshot}")).ConfigureAwait(false);
        });
        return command;
    }

    internal static InputFormat FormatOf(FileInfo file) => file.Extension.ToLowerInvariant() switch
    {
        ".csv" => InputFormat.Csv,
        ".jsonl" or ".json" or ".ndjson" => InputFormat.Jsonl,
        ".parquet" => InputFormat.Parquet,
        _ => throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot tell the format of '{file.Name}' from its extension; use --input-format csv|jsonl|parquet."),
    };

    /// <summary>
    /// The rows of <paramref name="input"/> as batches of <paramref name="schema"/>; errors name the file. Each batch is
    /// disposed when the consumer asks for the next one.
    /// </summary>
    internal static IAsyncEnumerable<ColumnBatch> ReadAsync(FileInfo input, InputFormat format, Schema schema, CancellationToken cancellationToken) =>
        FileErrors.ReadingAsync("Input file", input.FullName, ReadBatchesAsync(input, format, schema, cancellationToken), cancellationToken);

    private static async IAsyncEnumerable<ColumnBatch> ReadBatchesAsync(
        FileInfo input, InputFormat format, Schema schema, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (format == InputFormat.Parquet)
        {
            DataFileReader reader = await DataFileReader.OpenAsync(input.FullName, NameMapping.FromSchema(schema), cancellationToken).ConfigureAwait(false);
            await using ConfiguredAsyncDisposable disposeReader = reader.ConfigureAwait(false);
            await foreach (ColumnBatch batch in reader.ReadAsync(schema, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                using (batch)
                {
                    yield return batch;
                }
            }

            yield break;
        }

        // Not a StreamReader: it would turn bytes that are not UTF-8 into U+FFFD instead of refusing them.
        using var text = new Utf8LineReader(new FileStream(input.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true));
        IAsyncEnumerable<ColumnBatch> batches = format == InputFormat.Csv
            ? CsvBatchReader.ReadAsync(text, schema, cancellationToken: cancellationToken)
            : JsonLinesBatchReader.ReadAsync(text, schema, cancellationToken: cancellationToken);
        await foreach (ColumnBatch batch in batches.ConfigureAwait(false))
        {
            using (batch)
            {
                yield return batch;
            }
        }
    }
}
