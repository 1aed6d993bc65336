using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Floe.Catalog;
using Floe.Cli.Commands.Server;
using Floe.Cli.Output;

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
            List<JsonElement> tables;
            if (name is null)
            {
                tables = [.. (await client.GetAsync("optimizing/tables", ct).ConfigureAwait(false)).GetProperty("tables").EnumerateArray()];
            }
            else
            {
                JsonElement body = await client.GetAsync(TablePath(parse.GetValue(catalog)!, name) + "/optimizing", ct).ConfigureAwait(false);
                tables = [body.GetProperty("table")];
            }

            string[] header = ["table", "format", "group", "status", "type", "health", "reason", "process", "last_error"];
            await RowOutput.WriteAsync(context.Output, parse.GetValue(format), header, tables.Select(t => (IReadOnlyList<string>)
            [
                $"{t.GetProperty("catalog").GetString()}.{t.GetProperty("namespace").GetString()}.{t.GetProperty("table").GetString()}",
                Text(t, "format"), Text(t, "group"), Text(t, "status"), Text(t, "optimizing-type"), Text(t, "health-score"), Text(t, "reason"),
                Text(t, "process-id"), Text(t, "last-error"),
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
            string path = (name is null ? "optimizing/processes" : TablePath(parse.GetValue(catalog)!, name) + "/optimizing/processes")
                + string.Create(CultureInfo.InvariantCulture, $"?limit={parse.GetValue(limit)}");
            JsonElement body = await client.GetAsync(path, ct).ConfigureAwait(false);
            await WriteProcessesAsync(context, parse.GetValue(format), body.GetProperty("processes").EnumerateArray()).ConfigureAwait(false);
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
            JsonElement process = await client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"optimizing/processes/{parse.GetValue(id)}"), ct).ConfigureAwait(false);
            await WriteProcessesAsync(context, parse.GetValue(format), [process]).ConfigureAwait(false);
            string[] header = ["task", "kind", "status", "attempt", "retries", "input_files", "input_bytes", "output_files", "output_bytes", "error"];
            await RowOutput.WriteAsync(context.Output, parse.GetValue(format), header, process.GetProperty("tasks").EnumerateArray().Select(t => (IReadOnlyList<string>)
            [
                Text(t, "task-id"), Text(t, "kind"), Text(t, "status"), Text(t, "attempt"), Text(t, "retries"), Text(t, "input-files"),
                Text(t, "input-bytes"), Text(t, "output-files"), Text(t, "output-bytes"), Text(t, "error"),
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
            await client.SendAsync(HttpMethod.Post, string.Create(CultureInfo.InvariantCulture, $"optimizing/processes/{process}/cancel"), w =>
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }, ct).ConfigureAwait(false);
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
            JsonElement body = await client.SendAsync(HttpMethod.Post, "optimizing/refresh", w =>
            {
                w.WriteStartObject();
                w.WriteEndObject();
            }, ct).ConfigureAwait(false);
            int pending = body.GetProperty("tables").EnumerateArray().Count(t => t.GetProperty("status").GetString() != "idle");
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{body.GetProperty("tables").GetArrayLength()} table(s) evaluated; {pending} not idle.")).ConfigureAwait(false);
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
            JsonElement body = await client.GetAsync("optimizers", ct).ConfigureAwait(false);
            string[] header = ["id", "group", "threads", "running_tasks", "local", "resource_id", "registered_at", "last_heartbeat"];
            await RowOutput.WriteAsync(context.Output, parse.GetValue(format), header, body.GetProperty("optimizers").EnumerateArray().Select(o => (IReadOnlyList<string>)
            [
                Text(o, "id"), Text(o, "group"), Text(o, "threads"), Text(o, "running-tasks"), Text(o, "local"), Text(o, "resource-id"),
                Time(o, "registered-ms"), Time(o, "touched-ms"),
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
            JsonElement body = await client.GetAsync("optimizer-groups", ct).ConfigureAwait(false);
            string[] header = ["name", "local_threads", "optimizers", "threads"];
            await RowOutput.WriteAsync(context.Output, parse.GetValue(format), header, body.GetProperty("groups").EnumerateArray().Select(g => (IReadOnlyList<string>)
            [
                Text(g, "name"), Text(g, "local-threads"), Text(g, "optimizers"), Text(g, "threads"),
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
            await client.SendAsync(HttpMethod.Post, "optimizer-groups", w =>
            {
                w.WriteStartObject();
                w.WriteString("name", parse.GetValue(name));
                w.WriteNumber("local-threads", parse.GetValue(threads));
                w.WriteEndObject();
            }, ct).ConfigureAwait(false);
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
            await client.SendAsync(HttpMethod.Put, "optimizer-groups/" + Uri.EscapeDataString(group), w =>
            {
                w.WriteStartObject();
                w.WriteNumber("local-threads", parse.GetValue(threads));
                w.WriteEndObject();
            }, ct).ConfigureAwait(false);
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
            await client.SendAsync(HttpMethod.Delete, "optimizer-groups/" + Uri.EscapeDataString(group), null, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Group '{group}' dropped.").ConfigureAwait(false);
        });
        return command;
    }

    private static async Task WriteProcessesAsync(CommandContext context, OutputFormat format, IEnumerable<JsonElement> processes)
    {
        string[] header = ["process", "table", "type", "status", "tasks", "input_files", "input_bytes", "output_files", "output_bytes", "duration_ms", "started_at", "reason", "error"];
        await RowOutput.WriteAsync(context.Output, format, header, processes.Select(p => (IReadOnlyList<string>)
        [
            Text(p, "process-id"), $"{p.GetProperty("catalog").GetString()}.{p.GetProperty("namespace").GetString()}.{p.GetProperty("table").GetString()}",
            Text(p, "optimizing-type"), Text(p, "status"), Text(p, "task-count"), Text(p, "input-files"), Text(p, "input-bytes"), Text(p, "output-files"),
            Text(p, "output-bytes"), Text(p, "duration-ms"), Time(p, "started-ms"), Text(p, "reason"), Text(p, "fail-reason"),
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

    private static string TablePath(string catalog, string table)
    {
        TableIdentifier identifier = TableIdentifier.Parse(table);
        return $"catalogs/{Uri.EscapeDataString(catalog)}/namespaces/{Uri.EscapeDataString(identifier.Namespace.ToString())}/tables/{Uri.EscapeDataString(identifier.Name)}";
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.GetRawText(),
        } : "";

    private static string Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds(value.GetInt64()).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "";
}
