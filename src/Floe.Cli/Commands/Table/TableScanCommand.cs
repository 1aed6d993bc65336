using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Floe.Cli.Output;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Values;
using Floe.Sql;
using Floe.Table.Scanning;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// <c>floe table scan ns.tbl [--where ...] [--columns a,b] [--snapshot ID | --as-of TIME] [--limit N] [--format table|jsonl]</c>.
/// A primary-key table prints its merged view (the newest version of each key); its snapshots are change snapshots.
/// </summary>
internal static class TableScanCommand
{
    public static Command Create()
    {
        var table = new TableOptions();
        var where = WhereOption();
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to print (dotted names reach into structs)." };
        var snapshot = new Option<long?>("--snapshot") { Description = "Read this snapshot id instead of the current one." };
        var asOf = new Option<string?>("--as-of") { Description = "Read the snapshot current at this ISO time, e.g. 2026-01-02T03:04:05Z." };
        Option<long?> limit = CommonOptions.Limit();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("scan", "Print the rows of a table that match a filter.") { where, columns, snapshot, asOf, limit, format };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            if (parse.GetValue(asOf) is not null && parse.GetValue(snapshot) is not null)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, "Use either --snapshot or --as-of, not both.");
            }

            ITableScan scan = await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false) is { } keyed
                ? keyed.NewScan()
                : (await table.OpenAsync(parse, ct).ConfigureAwait(false)).NewScan();
            if (parse.GetValue(snapshot) is long snapshotId)
            {
                scan = scan.UseSnapshot(snapshotId);
            }

            if (parse.GetValue(asOf) is { } asOfText)
            {
                scan = scan.AsOfTime(ParseTime(asOfText));
            }

            if (parse.GetValue(where) is { } whereText)
            {
                scan = scan.Where(SqlFilter.ParseCondition(whereText, scan.Projection, "--where"));
            }

            if (parse.GetValue(columns) is { } columnText)
            {
                scan = scan.Select(columnText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }

            await PrintAsync(context, scan.Projection, scan.ReadAsync(ct), parse.GetValue(columns), parse.GetValue(limit), parse.GetValue(format), ct).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task PrintAsync(
        CommandContext context, Schema projection, IAsyncEnumerable<ColumnBatch> batches, string? columns, long? limit, OutputFormat format, CancellationToken ct)
    {
        int[] order = ColumnOrder(projection, columns);
        long max = limit ?? long.MaxValue;
        if (format == OutputFormat.Jsonl)
        {
            await WriteJsonLinesAsync(context.Output, batches, projection, order, max, ct).ConfigureAwait(false);
        }
        else
        {
            // Rows stream through the writer's window, so a large table is never held in memory.
            IEnumerable<IReadOnlyList<string>> rows = TextRowsAsync(batches, projection, order, max, ct).ToBlockingEnumerable(ct);
            new TextTableWriter(context.Output, [.. order.Select(c => projection.Columns[c].Name)]).Write(rows);
        }
    }

    /// <summary>The --where option shared with <c>delete</c> and <c>update</c>.</summary>
    public static Option<string?> WhereOption() => new("--where")
    {
        Description = "Row filter: comparisons, and/or/not, in (...), between, is [not] null, like 'prefix%', arithmetic + - * / % and cast(x as type); e.g. \"id > 5 and price * 2 < 10\".",
    };

    /// <summary>
    /// The printing order of the projected top-level columns: as listed in --columns (the projection itself keeps the
    /// schema's order), then any others such as the structs that dotted names reach into.
    /// </summary>
    private static int[] ColumnOrder(Schema projection, string? columns)
    {
        var order = new List<int>();
        foreach (string name in columns?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [])
        {
            for (int c = 0; c < projection.Columns.Count; c++)
            {
                if (string.Equals(projection.Columns[c].Name, name, StringComparison.Ordinal) && !order.Contains(c))
                {
                    order.Add(c);
                }
            }
        }

        order.AddRange(Enumerable.Range(0, projection.Columns.Count).Where(c => !order.Contains(c)));
        return [.. order];
    }

    private static long ParseTime(string text)
    {
        if (LiteralText.TryParseTimestamp(text, withZone: true, nanos: false, out long micros))
        {
            return micros / 1000;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time.ToUnixTimeMilliseconds()
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid --as-of '{text}': expected an ISO time such as 2026-01-02T03:04:05Z.");
    }

    private static async IAsyncEnumerable<IReadOnlyList<string>> TextRowsAsync(
        IAsyncEnumerable<ColumnBatch> batches, Schema projection, int[] order, long max, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long written = 0;
        await foreach (ColumnBatch batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount && written < max; row++, written++)
                {
                    var cells = new string[order.Length];
                    for (int i = 0; i < order.Length; i++)
                    {
                        int c = order[i];
                        cells[i] = TableValueFormatter.Format(batch.Column(c), projection.Columns[c].Type, row);
                    }

                    yield return cells;
                }
            }

            if (written >= max)
            {
                yield break;
            }
        }
    }

    private static async Task WriteJsonLinesAsync(TextWriter output, IAsyncEnumerable<ColumnBatch> batches, Schema projection, int[] order, long max, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long written = 0;
        await foreach (ColumnBatch batch in batches.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount && written < max; row++, written++)
                {
                    buffer.ResetWrittenCount();
                    json.Reset(buffer);
                    json.WriteStartObject();
                    foreach (int c in order)
                    {
                        json.WritePropertyName(projection.Columns[c].Name);
                        TableValueFormatter.WriteJson(json, batch.Column(c), projection.Columns[c].Type, row);
                    }

                    json.WriteEndObject();
                    json.Flush();
                    await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan)).ConfigureAwait(false);
                }
            }

            if (written >= max)
            {
                break;
            }
        }
    }
}
