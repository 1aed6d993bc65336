using System.CommandLine;
using System.Globalization;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Mixed;
using Floe.Mixed.Writing;
using Floe.Sql;
using Floe.Table.Operations;
using Floe.Table.RowLevel;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// <c>floe table delete ns.tbl --where ...</c>: deletes the rows matching the filter. On a plain Iceberg table files
/// whose rows all match are dropped and the others get position deletes or are rewritten, as <c>write.delete.mode</c>
/// says; on a primary-key table the matching rows get delete changes. <c>--keys FILE</c> deletes the keys listed in a
/// CSV, JSON lines or Parquet file from a primary-key table.
/// </summary>
internal static class TableDeleteCommand
{
    public static Command Create()
    {
        var table = new TableOptions();
        Option<string?> where = TableScanCommand.WhereOption();
        var keys = new Option<FileInfo?>("--keys") { Description = "A CSV, JSON lines or Parquet file of primary-key values to delete (primary-key tables)." };
        var format = new Option<TableAppendCommand.InputFormat?>("--input-format") { Description = "Format of --keys: csv, jsonl or parquet (default: from the file extension)." };
        var command = new Command("delete", "Delete the rows matching a filter, or the keys listed in a file.") { where, keys, format };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            string? whereText = parse.GetValue(where);
            FileInfo? keyFile = parse.GetValue(keys);
            if ((whereText is null) == (keyFile is null))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, "Give either --where or --keys.");
            }

            MixedTable? keyed = await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false);
            if (keyFile is not null)
            {
                if (keyed is null)
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {table.Identifier(parse)} has no primary key: --keys needs one (use --where).");
                }

                await DeleteKeysAsync(keyed, keyFile, parse.GetValue(format) ?? TableAppendCommand.FormatOf(keyFile), context, ct).ConfigureAwait(false);
                return;
            }

            if (keyed is not null)
            {
                await DeleteMatchingAsync(keyed, SqlFilter.ParseCondition(whereText!, keyed.Schema, "--where"), context, ct).ConfigureAwait(false);
                return;
            }

            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            RowPredicate condition = SqlFilter.ParseCondition(whereText!, opened.Schema, "--where");
            RowLevelResult result = await opened.DeleteWhereAsync(condition, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync(Describe("deleted", result)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>One line: rows changed, files removed, rewritten and added, the mode and the snapshot.</summary>
    internal static string Describe(string verb, RowLevelResult result) => result.SnapshotId is not long snapshot
        ? "no rows match; nothing committed"
        : string.Create(CultureInfo.InvariantCulture,
            $"{verb} {result.Rows} rows ({RowLevelProperties.Name(result.Mode)}): {result.DataFilesRemoved} data files removed, {result.DataFilesRewritten} rewritten, {result.DataFilesAdded} data files and {result.DeleteFilesAdded} delete files added; snapshot {snapshot}");

    /// <summary>A primary-key table deletes row by row: the merged rows matching the filter get delete changes, in one transaction.</summary>
    private static async Task DeleteMatchingAsync(MixedTable table, RowPredicate condition, CommandContext context, CancellationToken ct)
    {
        long rows = 0;
        ChangeWriter writer = table.NewChangeWriter();
        await using (writer.ConfigureAwait(false))
        {
            await foreach (ColumnBatch matched in PrimaryKeyRows.MatchingAsync(table, condition, ct).ConfigureAwait(false))
            {
                using (matched)
                {
                    await writer.DeleteAsync(matched, ct).ConfigureAwait(false);
                    rows += matched.RowCount;
                }
            }

            await context.Output.WriteLineAsync(Committed(await writer.CommitAsync(ct).ConfigureAwait(false), "deleted", rows)).ConfigureAwait(false);
        }
    }

    private static async Task DeleteKeysAsync(MixedTable table, FileInfo input, TableAppendCommand.InputFormat format, CommandContext context, CancellationToken ct)
    {
        if (!input.Exists)
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Input file '{input.FullName}' does not exist.");
        }

        Schema keySchema = SchemaProjection.Project(table.Schema, table.PrimaryKey.FieldIds);
        long rows = 0;
        ChangeWriter writer = table.NewChangeWriter();
        await using (writer.ConfigureAwait(false))
        {
            await foreach (ColumnBatch batch in TableAppendCommand.ReadAsync(input, format, keySchema, ct).ConfigureAwait(false))
            {
                using (batch)
                {
                    await writer.DeleteAsync(batch, ct).ConfigureAwait(false);
                    rows += batch.RowCount;
                }
            }

            await context.Output.WriteLineAsync(Committed(await writer.CommitAsync(ct).ConfigureAwait(false), "deleted", rows)).ConfigureAwait(false);
        }
    }

    internal static string Committed(ChangeCommit? commit, string verb, long rows) => commit is null
        ? "no rows match; nothing committed"
        : string.Create(CultureInfo.InvariantCulture, $"{verb} {rows} rows; transaction {commit.TransactionId}, snapshot {commit.SnapshotId}");
}
