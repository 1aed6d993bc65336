using System.CommandLine;
using Floe.Cli.Commands.Table;

namespace Floe.Cli.Commands;

/// <summary>
/// <c>floe table ...</c>: create, describe, append to, scan and manage Iceberg and primary-key tables of any catalog.
/// </summary>
public static class TableCommands
{
    public static Command Create()
    {
        var group = new Command("table", "Create, write, scan and manage tables of a filesystem warehouse (--warehouse DIR) or any catalog (--catalog URI, e.g. the REST URL 'floe server' prints).");
        group.Subcommands.Add(TableCreateCommand.Create());
        group.Subcommands.Add(TableDescribeCommand.Create());
        group.Subcommands.Add(TableAppendCommand.Create());
        group.Subcommands.Add(TableScanCommand.Create());
        group.Subcommands.Add(TableDeleteCommand.Create());
        group.Subcommands.Add(TableUpdateCommand.Create());
        group.Subcommands.Add(TableUpsertCommand.Create());
        TableChangeDataCommands.AddTo(group);
        TableMaintenanceCommands.AddTo(group);
        foreach (Command command in TableSnapshotCommands.Create())
        {
            group.Subcommands.Add(command);
        }

        return group;
    }
}
