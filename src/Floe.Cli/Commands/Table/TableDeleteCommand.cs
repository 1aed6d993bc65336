using System.CommandLine;
using System.Globalization;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Metadata;
using Floe.Mixed;
using Floe.Mixed.Writing;
using Floe.Table.Operations;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// <c>floe table delete ns.tbl --where ...</c>: removes the data files whose rows all match the filter (decided from
/// partition values); a file of which only some rows may match fails the command and nothing is committed. On a
/// primary-key table the matching rows are deleted by key.
/// </summary>
internal static class TableDeleteCommand
{
    public static Command Create()
    {
        var table = new TableOptions();
        Option<string?> where = TableScanCommand.WhereOption();
        where.Required = true;
        var command = new Command("delete", "Delete the rows matching a filter, by whole data files (a file only partly matching is refused).") { where };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            if (await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false) is { } keyed)
            {
                await DeleteByKeyAsync(keyed, TableScanCommand.BindFilter(keyed.Schema, parse.GetValue(where)!), context, ct).ConfigureAwait(false);
                return;
            }

            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            Expression filter = TableScanCommand.BindFilter(opened.Schema, parse.GetValue(where)!);
            if (opened.CurrentSnapshot is null)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {table.Identifier(parse)} has no data to delete.");
            }

            TableMetadata metadata = await opened.NewDelete().DeleteFromRowFilter(filter).CommitAsync(ct).ConfigureAwait(false);
            Snapshot snapshot = metadata.CurrentSnapshot!;
            await context.Output.WriteLineAsync(
                $"deleted {snapshot.Summary.GetValueOrDefault("deleted-records", "0")} rows in {snapshot.Summary.GetValueOrDefault("deleted-data-files", "0")} files; snapshot {snapshot.SnapshotId}").ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>A primary-key table deletes row by row: the merged rows matching the filter get delete changes, in one transaction.</summary>
    private static async Task DeleteByKeyAsync(MixedTable table, Expression filter, CommandContext context, CancellationToken ct)
    {
        long rows = 0;
        ChangeWriter writer = table.NewChangeWriter();
        await using (writer.ConfigureAwait(false))
        {
            await foreach (ColumnBatch batch in table.NewScan().Where(filter).ReadAsync(ct).ConfigureAwait(false))
            {
                using (batch)
                {
                    await writer.DeleteAsync(batch, ct).ConfigureAwait(false);
                    rows += batch.RowCount;
                }
            }

            ChangeCommit? commit = await writer.CommitAsync(ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync(commit is null
                ? "no rows match; nothing committed"
                : string.Create(CultureInfo.InvariantCulture, $"deleted {rows} rows; transaction {commit.TransactionId}, snapshot {commit.SnapshotId}")).ConfigureAwait(false);
        }
    }
}
