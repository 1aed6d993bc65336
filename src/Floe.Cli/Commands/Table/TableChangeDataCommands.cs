using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Floe.Cli.Output;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Maintenance;
using Floe.PrimaryKeys.Model;
using Floe.PrimaryKeys.Optimizing;
using Floe.Sql;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// <c>floe table changes</c> (the change log of a primary-key table between two change snapshots, or its net changes)
/// <c>floe table optimize</c> (merge pending changes into the base store now) and <c>floe table expire-changes</c>
/// (remove merged change files past their TTL from the change store).
/// </summary>
internal static class TableChangeDataCommands
{
    private const string ActionColumn = "_change_action";
    private const string TransactionColumn = "_transaction_id";
    private const string OffsetColumn = "_file_offset";

    /// <summary>Adds both verbs to the <c>table</c> group.</summary>
    public static void AddTo(Command group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.Subcommands.Add(Changes());
        group.Subcommands.Add(Optimize());
        group.Subcommands.Add(ExpireChanges());
    }

    private static Command Changes()
    {
        var table = new TableOptions();
        var fromSnapshot = new Option<long?>("--from-snapshot") { Description = "Start after this change snapshot (exclusive); default: the beginning." };
        var fromPosition = new Option<string?>("--from-position") { Description = "Start after a position printed by an earlier read (snapshot:transaction:offset)." };
        var toSnapshot = new Option<long?>("--to-snapshot") { Description = "End with this change snapshot (inclusive); default: the current one." };
        var net = new Option<bool>("--net") { Description = "Print the net change per key (insert, delete or update) instead of every change." };
        var where = new Option<string?>("--where")
        {
            Description = "Row filter on the changed rows: comparisons, and/or/not, in (...), between, is [not] null, like 'prefix%'; e.g. \"id > 5 and name = 'x'\".",
        };
        var columns = new Option<string?>("--columns") { Description = "Comma-separated columns to print (all by default)." };
        Option<long?> limit = CommonOptions.Limit();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command(
            "changes",
            "Print the changes of a primary-key table in commit order: _change_action (I, D, UB, UA), _transaction_id, _file_offset and the row. "
            + "The position to resume from is printed on standard error.")
        {
            fromSnapshot, fromPosition, toSnapshot, net, where, columns, limit, format,
        };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            if (parse.GetValue(fromSnapshot) is not null && parse.GetValue(fromPosition) is not null)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, "Use either --from-snapshot or --from-position, not both.");
            }

            PrimaryKeyTable keyed = await OpenAsync(table, parse, "changes", ct).ConfigureAwait(false);
            ChangeDataScan scan = keyed.NewChangeDataScan().NetChanges(parse.GetValue(net));
            if (parse.GetValue(fromSnapshot) is long from)
            {
                scan = scan.FromSnapshot(from);
            }

            if (parse.GetValue(fromPosition) is { } position)
            {
                scan = scan.FromPosition(ChangePosition.Parse(position));
            }

            if (parse.GetValue(toSnapshot) is long to)
            {
                scan = scan.ToSnapshot(to);
            }

            if (parse.GetValue(where) is { } whereText)
            {
                scan = scan.Where(SqlFilter.Parse(whereText, keyed.Schema, "--where"));
            }

            if (parse.GetValue(columns) is { } columnText)
            {
                scan = scan.Select(columnText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
            }

            ChangeRange range = await scan.PlanRangeAsync(ct).ConfigureAwait(false);
            ChangePosition end = await PrintAsync(context, scan, range, parse.GetValue(limit) ?? long.MaxValue, parse.GetValue(format), ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"position: {end}").ConfigureAwait(false);
        });
        return command;
    }

    private static Command Optimize()
    {
        var table = new TableOptions();
        var full = new Option<bool>("--full") { Description = "Rewrite every base file with the changes applied, leaving no delete files." };
        var ratio = new Option<double?>("--rewrite-ratio") { Description = "Rewrite a base file instead of adding position deletes when this share of its rows is deleted (default 0.5)." };
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("optimize", "Merge the pending changes of a primary-key table into its base store now.") { full, ratio, format };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            PrimaryKeyTable keyed = await OpenAsync(table, parse, "optimize", ct).ConfigureAwait(false);
            var options = new OptimizeOptions
            {
                Mode = parse.GetValue(full) ? OptimizeMode.Full : OptimizeMode.Minor,
                RewriteRatio = parse.GetValue(ratio) ?? new OptimizeOptions().RewriteRatio,
            };
            OptimizeResult result = await keyed.OptimizeAsync(options, ct).ConfigureAwait(false);
            (string Name, string Value)[] fields =
            [
                ("committed", result.Committed ? "true" : "false"),
                ("base-snapshot", Text(result.BaseSnapshotId)),
                ("change-snapshot", Text(result.ChangeSnapshotId)),
                ("partitions", Text(result.Partitions)),
                ("change-rows", Text(result.ChangeRows)),
                ("new-base-files", Text(result.NewBaseFiles)),
                ("new-base-rows", Text(result.NewBaseRows)),
                ("position-delete-files", Text(result.PositionDeleteFiles)),
                ("deleted-base-rows", Text(result.DeletedBaseRows)),
                ("rewritten-base-files", Text(result.RewrittenBaseFiles)),
                ("removed-delete-files", Text(result.RemovedDeleteFiles)),
                ("input-bytes", Text(result.InputBytes)),
                ("attempts", Text(result.Attempts)),
                ("optimized-sequence", new OptimizedSequence(result.OptimizedPoints).ToJson()),
            ];
            await WritePropertiesAsync(context, parse.GetValue(format), fields, rawJsonField: "optimized-sequence").ConfigureAwait(false);
        });
        return command;
    }

    private static Command ExpireChanges()
    {
        var table = new TableOptions();
        var ttl = new Option<long?>("--ttl-minutes") { Description = "Expire merged changes committed more than this many minutes ago (default: the table's change.data.ttl.minutes, 10080)." };
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command(
            "expire-changes",
            "Remove from the change store of a primary-key table the change files merged into base and committed longer ago than the change TTL.")
        {
            ttl, format,
        };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            PrimaryKeyTable keyed = await OpenAsync(table, parse, "expire-changes", ct).ConfigureAwait(false);
            ChangeExpiryResult result = await keyed.ExpireChangesAsync(new ChangeExpiryOptions { TtlMinutes = parse.GetValue(ttl) }, ct).ConfigureAwait(false);
            await WritePropertiesAsync(context, parse.GetValue(format),
            [
                ("committed", result.SnapshotId is null ? "false" : "true"),
                ("change-snapshot", Text(result.SnapshotId)),
                ("removed-files", Text(result.RemovedFiles)),
                ("removed-rows", Text(result.RemovedRows)),
                ("committed-before", SnapshotText.Time(result.CutoffMs)),
            ]).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Prints (property, value) pairs as a table or one JSON object; numbers, booleans, null and JSON objects stay raw.</summary>
    private static async Task WritePropertiesAsync(CommandContext context, OutputFormat format, (string Name, string Value)[] fields, string? rawJsonField = null)
    {
        if (format == OutputFormat.Jsonl)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                foreach ((string name, string value) in fields)
                {
                    json.WritePropertyName(name);
                    json.WriteRawValue(name == rawJsonField || value is "true" or "false" or "null" || long.TryParse(value, CultureInfo.InvariantCulture, out _) ? value : JsonSerializer.Serialize(value));
                }

                json.WriteEndObject();
            }

            await context.Output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan)).ConfigureAwait(false);
        }
        else
        {
            new TextTableWriter(context.Output, ["property", "value"]).Write(fields.Select(f => (IReadOnlyList<string>)[f.Name, f.Value]));
        }
    }

    private static async Task<PrimaryKeyTable> OpenAsync(TableOptions table, ParseResult parse, string verb, CancellationToken ct) =>
        await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {table.Identifier(parse)} has no primary key: '{verb}' works on primary-key tables only.");

    /// <summary>Prints the change rows; returns the position after the last row printed (the range's end when all were).</summary>
    private static async Task<ChangePosition> PrintAsync(CommandContext context, ChangeDataScan scan, ChangeRange range, long max, OutputFormat format, CancellationToken ct)
    {
        Schema projection = scan.Projection;
        var state = new ReadState(range.Start);
        if (format == OutputFormat.Jsonl)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            await foreach ((ChangeBatch batch, int row) in RowsAsync(scan, state, max, ct).ConfigureAwait(false))
            {
                buffer.ResetWrittenCount();
                json.Reset(buffer);
                json.WriteStartObject();
                json.WriteString(ActionColumn, batch.Actions[row].Code());
                json.WriteNumber(TransactionColumn, batch.TransactionIds[row]);
                json.WriteNumber(OffsetColumn, batch.Offsets[row]);
                for (int c = 0; c < projection.Columns.Count; c++)
                {
                    json.WritePropertyName(projection.Columns[c].Name);
                    TableValueFormatter.WriteJson(json, batch.Rows.Column(c), projection.Columns[c].Type, row);
                }

                json.WriteEndObject();
                json.Flush();
                await context.Output.WriteLineAsync(Encoding.UTF8.GetString(buffer.WrittenSpan)).ConfigureAwait(false);
            }
        }
        else
        {
            // Rows stream through the writer's window, so a long change log is never held in memory.
            string[] header = [ActionColumn, TransactionColumn, OffsetColumn, .. projection.Columns.Select(c => c.Name)];
            IEnumerable<IReadOnlyList<string>> rows = RowsAsync(scan, state, max, ct).ToBlockingEnumerable(ct).Select(r => Cells(r.Batch, r.Row, projection));
            new TextTableWriter(context.Output, header).Write(rows);
        }

        // Net changes are all or nothing: a truncated net read resumes from its start.
        return state.Complete ? range.EndPosition : scan.IsNet ? range.Start : state.Position;
    }

    /// <summary>Every change row up to the limit; a limit never splits an update pair (the position after its first half would repeat it).</summary>
    private static async IAsyncEnumerable<(ChangeBatch Batch, int Row)> RowsAsync(
        ChangeDataScan scan, ReadState state, long max, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (ChangeBatch batch in scan.ReadAsync(ct).ConfigureAwait(false))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    if (state.Written >= max && batch.Actions[row] != ChangeAction.UpdateAfter)
                    {
                        state.Complete = false;
                        yield break;
                    }

                    yield return (batch, row);
                    state.Position = batch.PositionAfter(row);
                    state.Written++;
                }
            }
        }
    }

    private static string[] Cells(ChangeBatch batch, int row, Schema projection)
    {
        var cells = new string[projection.Columns.Count + 3];
        cells[0] = batch.Actions[row].Code();
        cells[1] = batch.TransactionIds[row].ToString(CultureInfo.InvariantCulture);
        cells[2] = batch.Offsets[row].ToString(CultureInfo.InvariantCulture);
        for (int c = 0; c < projection.Columns.Count; c++)
        {
            cells[c + 3] = TableValueFormatter.Format(batch.Rows.Column(c), projection.Columns[c].Type, row);
        }

        return cells;
    }

    private static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    /// <summary>How far printing got.</summary>
    private sealed class ReadState(ChangePosition start)
    {
        public ChangePosition Position { get; set; } = start;

        public long Written { get; set; }

        public bool Complete { get; set; } = true;
    }
}
