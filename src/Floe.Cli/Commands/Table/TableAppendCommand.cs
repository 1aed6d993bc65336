using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using Floe.Catalog;
using Floe.Cli.Input;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Manifests;
using Floe.Core.Mapping;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.Table.Data.Reading;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// <c>floe table append ns.tbl FILE</c>: reads CSV (header row), JSON lines or Parquet into the table's schema,
/// writes data files through the partitioned writer and commits them with a fast append. Nothing is committed
/// when any row fails to parse; the data files written so far are deleted.
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
            TableMetadata metadata = opened.Metadata;
            if (!input.Exists)
            {
                throw new FloeException(FloeErrorKind.NotFound, $"Input file '{input.FullName}' does not exist.");
            }

            (IReadOnlyList<DataFile> files, long rows) = await WriteAsync(opened, ReadAsync(input, inputFormat, metadata.CurrentSchema, ct), ct).ConfigureAwait(false);
            if (rows == 0)
            {
                await context.Output.WriteLineAsync("no rows to append; nothing committed").ConfigureAwait(false);
                return;
            }

            AppendFiles append = opened.NewFastAppend();
            foreach (DataFile dataFile in files)
            {
                append.AppendFile(dataFile);
            }

            try
            {
                metadata = await append.CommitAsync(ct).ConfigureAwait(false);
            }
            catch (FloeException)
            {
                await DeleteAsync(opened, files).ConfigureAwait(false);
                throw;
            }

            await context.Output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"appended {rows} rows in {files.Count} files; snapshot {metadata.CurrentSnapshotId}")).ConfigureAwait(false);
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

    /// <summary>The rows of <paramref name="input"/> as batches of <paramref name="schema"/>; errors name the file.</summary>
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
                yield return batch;
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
            yield return batch;
        }
    }

    private static async Task<(IReadOnlyList<DataFile> Files, long Rows)> WriteAsync(
        IcebergTable table, IAsyncEnumerable<ColumnBatch> batches, CancellationToken cancellationToken)
    {
        TableMetadata metadata = table.Metadata;
        int? sortOrderId = metadata.DefaultSortOrderId == 0 ? null : metadata.DefaultSortOrderId;
        DataWriterConfig config = DataWriterConfig.FromProperties(metadata.CurrentSchema, metadata.DefaultSpec, metadata.Properties, sortOrderId);
        var writer = new PartitionedFanoutWriter(table.Operations.Io, config, DataLocations.ForTable(metadata.Location, metadata.Properties));
        await using ConfiguredAsyncDisposable disposeWriter = writer.ConfigureAwait(false);
        long rows = 0;
        try
        {
            await foreach (ColumnBatch batch in batches.ConfigureAwait(false))
            {
                using (batch)
                {
                    await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                    rows += batch.RowCount;
                }
            }

            return (await writer.CloseAsync(cancellationToken).ConfigureAwait(false), rows);
        }
        catch
        {
            await writer.AbortAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task DeleteAsync(IcebergTable table, IReadOnlyList<DataFile> files)
    {
        foreach (DataFile file in files)
        {
            try
            {
                await table.Operations.Io.DeleteAsync(file.FilePath, CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // Best effort: an orphan data file is harmless to readers; the commit error is what matters.
            }
        }
    }
}
