using System.CommandLine;
using Floe.Cli.Commands.Table;

namespace Floe.Cli.Commands;

/// <summary>
/// <c>floe table ...</c>: create, describe, append to, scan and manage Iceberg tables of a filesystem warehouse.
/// </summary>
public static class TableCommands
{
    public static Command Create()
    {
        var group = new Command("table", "Create, write, scan and manage Iceberg tables in a filesystem warehouse (--warehouse DIR).");
        group.Subcommands.Add(TableCreateCommand.Create());
        group.Subcommands.Add(TableDescribeCommand.Create());
        group.Subcommands.Add(TableAppendCommand.Create());
        group.Subcommands.Add(TableScanCommand.Create());
        group.Subcommands.Add(TableDeleteCommand.Create());
        group.Subcommands.Add(TableUpdateCommand.Create());
        group.Subcommands.Add(TableUpsertCommand.Create());
        TableChangeDataCommands.AddTo(group);
        foreach (Command command in TableSnapshotCommands.Create())
        {
            group.Subcommands.Add(command);
        }

        return group;
    }
}
