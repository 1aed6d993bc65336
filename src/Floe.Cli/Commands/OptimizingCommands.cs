using System.CommandLine;
using System.Globalization;
using Floe.Catalog;
using Floe.Cli.Commands.Server;
using Floe.Cli.Output;
using Floe.Contracts.Management;
using Floe.Http.Management;

namespace Floe.Cli.Commands;

/// <summary>
/// <c>floe optimizing status|processes|show|cancel|refresh|optimizers|groups|group-create|group-resize|group-drop</c>:
/// the optimizing service of a running server, through its management API.
/// </summary>
public static class OptimizingCommands
{
    public static Command Create()
    {
        var group = new Command("optimizing", "Inspect and steer a running server's self-optimizing: table status, processes, optimizers and groups.");
        group.Subcommands.Add(Status());
        group.Subcommands.Add(Processes());
        group.Subcommands.Add(Show());
        group.Subcommands.Add(Cancel());
        group.Subcommands.Add(Refresh());
        group.Subcommands.Add(Optimizers());
        group.Subcommands.Add(Groups());
        group.Subcommands.Add(GroupCreate());
        group.Subcommands.Add(GroupResize());
        group.Subcommands.Add(GroupDrop());
        return group;
    }

    private static Command Status()
    {
        var api = new ServerApiOptions();
        var table = new Argument<string?>("table") { Description = "A table (namespace.table) in --catalog; without it, every table.", Arity = ArgumentArity.ZeroOrOne };
        var catalog = CatalogOption();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("status", "Print tables' optimizing status, pending type and reason, health and last error.") { table, catalog, format };
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            string? name = parse.GetValue(table);
            IReadOnlyList<OptimizingTableView> tables;
            if (name is null)
            {
                tables = await client.ListOptimizingTablesAsync(ct).ConfigureAwait(false);
            }
            else
            {
                TableIdentifier identifier = TableIdentifier.Parse(name);
                TableOptimizing state = await client.GetTableOptimizingAsync(
                    parse.GetValue(catalog)!, identifier.Namespace.ToString(), identifier.Name, ct).ConfigureAwait(false);
                tables = [state.Table];
            }

            string[] header = ["table", "format", "group", "status", "type", "health", "reason", "process", "last_error"];
            await RowOutput.WriteAsync(context.Output, parse.GetValue(format), header, tables.Select(t => (IReadOnlyList<string>)
            [
                $"{t.Catalog}.{t.Namespace}.{t.Table}", t.Format, t.Group, t.Status, t.OptimizingType ?? "", Number(t.HealthScore), t.Reason,
                Number(t.ProcessId), t.LastError ?? "",
            ])).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Processes()
    {
        var api = new ServerApiOptions();
        var table = new Argument<string?>("table") { Description = "A table (namespace.table) in --catalog; without it, every table.", Arity = ArgumentArity.ZeroOrOne };
        var catalog = CatalogOption();
        var limit = new Option<int>("--limit") { Description = "At most this many processes, newest first (1 to 1000).", DefaultValueFactory = _ => 20 };
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("processes", "Print the optimizing history: type, status, tasks, input and output files and bytes, duration, error.") { table, catalog, limit, format };
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            string? name = parse.GetValue(table);
            TableIdentifier? identifier = name is null ? null : TableIdentifier.Parse(name);
            IReadOnlyList<ProcessView> processes = identifier is null
                ? await client.ListProcessesAsync(parse.GetValue(limit), ct).ConfigureAwait(false)
                : await client.ListTableProcessesAsync(
                    parse.GetValue(catalog)!, identifier.Namespace.ToString(), identifier.Name, parse.GetValue(limit), ct).ConfigureAwait(false);
            await WriteProcessesAsync(context, parse.GetValue(format), processes).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Show()
    {
        var api = new ServerApiOptions();
        var id = new Argument<long>("process-id") { Description = "The process." };
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("show", "Print one process and its tasks (status, attempt, retries, error).") { id, format };
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            ProcessView process = await client.GetProcessAsync(parse.GetValue(id), ct).ConfigureAwait(false);
            await WriteProcessesAsync(context, parse.GetValue(format), [process]).ConfigureAwait(false);
            string[] header = ["task", "kind", "status", "attempt", "retries", "input_files", "input_bytes", "output_files", "output_bytes", "error"];
            await RowOutput.WriteAsync(context.Output, parse.GetValue(format), header, (process.Tasks ?? []).Select(t => (IReadOnlyList<string>)
            [
                Number(t.TaskId), t.Kind, t.Status, Number(t.Attempt), Number(t.Retries), Number(t.InputFiles),
                Number(t.InputBytes), Number(t.OutputFiles), Number(t.OutputBytes), t.Error ?? "",
            ])).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Cancel()
    {
        var api = new ServerApiOptions();
        var id = new Argument<long>("process-id") { Description = "The running process to cancel." };
        var command = new Command("cancel", "Cancel a running process: its tasks stop being handed out and its outputs are deleted.") { id };
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            long process = parse.GetValue(id);
            await client.CancelProcessAsync(process, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Process {process} cancelled.")).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Refresh()
    {
        var api = new ServerApiOptions();
        var command = new Command("refresh", "Evaluate every table now instead of at the next refresh interval.");
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            IReadOnlyList<OptimizingTableView> tables = await client.RefreshOptimizingAsync(ct).ConfigureAwait(false);
            int pending = tables.Count(t => t.Status != "idle");
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{tables.Count} table(s) evaluated; {pending} not idle.")).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Optimizers()
    {
        var api = new ServerApiOptions();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("optimizers", "Print the registered optimizers: group, threads, running tasks, last heartbeat.") { format };
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            IReadOnlyList<OptimizerView> optimizers = await client.ListOptimizersAsync(ct).ConfigureAwait(false);
            string[] header = ["id", "group", "threads", "running_tasks", "local", "resource_id", "registered_at", "last_heartbeat"];
            await RowOutput.WriteAsync(context.Output, parse.GetValue(format), header, optimizers.Select(o => (IReadOnlyList<string>)
            [
                o.Id, o.Group, Number(o.Threads), Number(o.RunningTasks), o.Local ? "true" : "false", o.ResourceId ?? "",
                Time(o.RegisteredMs), Time(o.TouchedMs),
            ])).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Groups()
    {
        var api = new ServerApiOptions();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("groups", "Print the optimizer groups: local threads, optimizers and their threads.") { format };
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            IReadOnlyList<GroupView> groups = await client.ListGroupsAsync(ct).ConfigureAwait(false);
            string[] header = ["name", "local_threads", "optimizers", "threads"];
            await RowOutput.WriteAsync(context.Output, parse.GetValue(format), header, groups.Select(g => (IReadOnlyList<string>)
            [
                g.Name, Number(g.LocalThreads), Number(g.Optimizers), Number(g.Threads),
            ])).ConfigureAwait(false);
        });
        return command;
    }

    private static Command GroupCreate()
    {
        var api = new ServerApiOptions();
        var name = new Argument<string>("name") { Description = "The new group's name." };
        var threads = LocalThreadsOption(required: false);
        var command = new Command("group-create", "Create an optimizer group; --local-threads N has the server run an optimizer of N threads for it.") { name, threads };
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            await client.CreateGroupAsync(new CreateGroupRequest { Name = parse.GetValue(name)!, LocalThreads = parse.GetValue(threads) }, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Group '{parse.GetValue(name)}' created.").ConfigureAwait(false);
        });
        return command;
    }

    private static Command GroupResize()
    {
        var api = new ServerApiOptions();
        var name = new Argument<string>("name") { Description = "The group." };
        var threads = LocalThreadsOption(required: true);
        var command = new Command("group-resize", "Change how many threads the server's own optimizer of a group runs (0 stops it).") { name, threads };
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            string group = parse.GetValue(name)!;
            await client.ResizeGroupAsync(group, new ResizeGroupRequest { LocalThreads = parse.GetValue(threads) }, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Group '{group}' now runs {parse.GetValue(threads)} local thread(s).")).ConfigureAwait(false);
        });
        return command;
    }

    private static Command GroupDrop()
    {
        var api = new ServerApiOptions();
        var name = new Argument<string>("name") { Description = "The group to drop (no optimizer or table may use it)." };
        var command = new Command("group-drop", "Drop an optimizer group.") { name };
        api.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            using ManagementClient client = api.Client(parse);
            string group = parse.GetValue(name)!;
            await client.DropGroupAsync(group, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Group '{group}' dropped.").ConfigureAwait(false);
        });
        return command;
    }

    private static async Task WriteProcessesAsync(CommandContext context, OutputFormat format, IEnumerable<ProcessView> processes)
    {
        string[] header = ["process", "table", "type", "status", "tasks", "input_files", "input_bytes", "output_files", "output_bytes", "duration_ms", "started_at", "reason", "error"];
        await RowOutput.WriteAsync(context.Output, format, header, processes.Select(p => (IReadOnlyList<string>)
        [
            Number(p.ProcessId), $"{p.Catalog}.{p.Namespace}.{p.Table}", p.OptimizingType, p.Status, Number(p.TaskCount), Number(p.InputFiles),
            Number(p.InputBytes), Number(p.OutputFiles), Number(p.OutputBytes), Number(p.DurationMs), Time(p.StartedMs), p.Reason, p.FailReason ?? "",
        ])).ConfigureAwait(false);
    }

    private static Option<string> CatalogOption() => new("--catalog")
    {
        Description = "The catalog of the table.",
        DefaultValueFactory = _ => "default",
    };

    private static Option<int> LocalThreadsOption(bool required) => new("--local-threads")
    {
        Description = "Threads of the optimizer the server runs for the group (0 to 1024).",
        Required = required,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<int>() is < 0 or > 1024)
                {
                    result.AddError("--local-threads must be from 0 to 1024.");
                }
            },
        },
    };

    /// <summary>A number as the API's JSON writes it; an absent one is empty.</summary>
    private static string Number<T>(T? value)
        where T : struct, IFormattable =>
        value?.ToString(null, CultureInfo.InvariantCulture) ?? "";

    private static string Number<T>(T value)
        where T : struct, IFormattable =>
        value.ToString(null, CultureInfo.InvariantCulture);

    private static string Time(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
