using System.CommandLine;
using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// <c>floe table delete ns.tbl --where ...</c>: removes the data files whose rows all match the filter (decided from
/// partition values); a file of which only some rows may match fails the command and nothing is committed.
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
}
