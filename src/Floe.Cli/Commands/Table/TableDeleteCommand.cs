using System.CommandLine;
using System.Globalization;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Writing;
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

            PrimaryKeyTable? keyed = await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false);
            if (keyFile is not null)
            {
                if (keyed is null)
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {table.Identifier(parse)} has no primary key: --keys needs one (use --where).");
                }

                if (!keyFile.Exists)
                {
                    throw new FloeException(FloeErrorKind.NotFound, $"Input file '{keyFile.FullName}' does not exist.");
                }

                IAsyncEnumerable<ColumnBatch> keyRows = TableAppendCommand.ReadAsync(keyFile, parse.GetValue(format) ?? TableAppendCommand.FormatOf(keyFile), keyed.KeySchema, ct);
                await context.Output.WriteLineAsync(Committed(await keyed.DeleteKeysAsync(keyRows, ct).ConfigureAwait(false), "deleted")).ConfigureAwait(false);
                return;
            }

            if (keyed is not null)
            {
                RowPredicate keyedCondition = SqlFilter.ParseCondition(whereText!, keyed.Schema, "--where");
                await context.Output.WriteLineAsync(Committed(await keyed.DeleteWhereAsync(keyedCondition, ct).ConfigureAwait(false), "deleted")).ConfigureAwait(false);
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

    internal static string Committed(ChangeWriteResult result, string verb) => result.Commit is not { } commit
        ? "no rows match; nothing committed"
        : string.Create(CultureInfo.InvariantCulture, $"{verb} {result.Rows} rows; transaction {commit.TransactionId}, snapshot {commit.SnapshotId}");
}
