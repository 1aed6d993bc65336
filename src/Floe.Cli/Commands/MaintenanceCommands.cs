using System.CommandLine;
using System.Globalization;
using Floe.Catalog;
using Floe.Cli.Commands.Server;
using Floe.Cli.Output;
using Floe.Common.Errors;
using Floe.Contracts.Management;
using Floe.Http.Management;

namespace Floe.Cli.Commands;

/// <summary><c>floe maintenance history|run</c>: a running server's table maintenance, through its management API.</summary>
public static class MaintenanceCommands
{
    public static Command Create()
    {
        var group = new Command("maintenance", "Inspect and run a running server's table maintenance: the history of runs, one action on one table now.");
        group.Subcommands.Add(History());
        group.Subcommands.Add(Run());
        return group;
    }

    private static Command History()
    {
        var api = new ServerApiOptions();
        var table = new Argument<string?>("table") { Description = "A table (namespace.table) in --catalog; without it, every table.", Arity = ArgumentArity.ZeroOrOne };
        var catalog = CatalogOption();
        var limit = new Option<int>("--limit") { Description = "At most this many runs, newest first (1 to 1000).", DefaultValueFactory = _ => 20 };
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("history", "Print maintenance runs: action, trigger, start, duration, snapshots, files, bytes and rows removed, error.")
        {
            table, catalog, limit, format,
        };
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            string? name = parse.GetValue(table);
            TableIdentifier? identifier = name is null ? null : TableIdentifier.Parse(name);
            IReadOnlyList<MaintenanceRunView> runs = identifier is null
                ? await client.ListMaintenanceAsync(parse.GetValue(limit), ct).ConfigureAwait(false)
                : await client.ListTableMaintenanceAsync(
                    parse.GetValue(catalog)!, identifier.Namespace.ToString(), identifier.Name, parse.GetValue(limit), ct).ConfigureAwait(false);
            await WriteRunsAsync(context, parse.GetValue(format), runs).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Run()
    {
        var api = new ServerApiOptions();
        var table = new Argument<string>("table") { Description = "The table (namespace.table) in --catalog." };
        var action = new Argument<string>("action")
        {
            Description = "expire-snapshots, clean-orphan-files, clean-dangling-delete-files, expire-data or auto-create-tags.",
        };
        var catalog = CatalogOption();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("run", "Run one maintenance action on one table now, whatever the switches say, and print the run.") { table, action, catalog, format };
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            TableIdentifier identifier = TableIdentifier.Parse(parse.GetValue(table)!);
            MaintenanceRunView run = await client.RunMaintenanceAsync(
                parse.GetValue(catalog)!, identifier.Namespace.ToString(), identifier.Name, parse.GetValue(action)!, ct).ConfigureAwait(false);
            await WriteRunsAsync(context, parse.GetValue(format), [run]).ConfigureAwait(false);
            if (run.Error is { } error)
            {
                throw new FloeException(FloeErrorKind.Unexpected, $"{run.Action} on {run.Catalog}.{run.Namespace}.{run.Table} failed: {error}");
            }
        });
        return command;
    }

    private static async Task WriteRunsAsync(CommandContext context, OutputFormat format, IEnumerable<MaintenanceRunView> runs)
    {
        string[] header = ["run", "table", "action", "trigger", "started_at", "duration_ms", "snapshots", "files", "bytes", "rows", "summary", "error"];
        await RowOutput.WriteAsync(context.Output, format, header, runs.Select(r => (IReadOnlyList<string>)
        [
            Number(r.RunId), $"{r.Catalog}.{r.Namespace}.{r.Table}", r.Action, r.Trigger,
            DateTimeOffset.FromUnixTimeMilliseconds(r.StartedMs).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Number(r.DurationMs), Number(r.SnapshotsExpired), Number(r.FilesRemoved), Number(r.BytesRemoved), Number(r.RowsExpired), r.Summary, r.Error ?? "",
        ])).ConfigureAwait(false);
    }

    private static Option<string> CatalogOption() => new("--catalog")
    {
        Description = "The catalog of the table.",
        DefaultValueFactory = _ => "default",
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
