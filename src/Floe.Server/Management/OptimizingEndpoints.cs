using System.Globalization;
using System.Text.Json;
using Floe.Catalog;
using Floe.Common.Errors;
using Floe.Server.Optimizing;
using Floe.Server.Rest;
using Floe.Server.Security;
using Floe.Server.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Management;

/// <summary>
/// The optimizing service in the management API: tables' optimizing status and reason, process history with tasks,
/// cancelling a process, optimizers, and optimizer groups (create, resize, drop). Changes need an admin token.
/// </summary>
internal static class OptimizingEndpoints
{
    public static async Task ListTablesAsync(HttpContext context)
    {
        OptimizingService service = Service(context);
        IReadOnlyList<TableRuntimeRecord> tables = await service.TablesAsync(context.RequestAborted).ConfigureAwait(false);
        FloePrincipal principal = RequestAccess.Principal(context);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("tables");
            foreach (TableRuntimeRecord table in tables.Where(t => principal.CanUse(t.Key.Catalog)))
            {
                OptimizingViews.WriteRuntime(writer, table);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary>One table's status, reason, pending input and running process (with its tasks).</summary>
    public static async Task GetTableAsync(HttpContext context)
    {
        OptimizingService service = Service(context);
        TableKey key = Table(context);
        (TableRuntimeRecord runtime, double occupation) = await service.TableAsync(key, context.RequestAborted).ConfigureAwait(false);
        (OptimizingProcessRecord Process, IReadOnlyList<OptimizingTaskRecord> Tasks)? running = runtime.ProcessId is long id
            ? await service.ProcessAsync(id, context.RequestAborted).ConfigureAwait(false)
            : null;
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName("table");
            OptimizingViews.WriteRuntime(writer, runtime, occupation);
            writer.WritePropertyName("process");
            if (running is { } process)
            {
                OptimizingViews.WriteProcess(writer, process.Process, process.Tasks);
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public static Task ListTableProcessesAsync(HttpContext context) => WriteProcessesAsync(context, Table(context));

    public static Task ListProcessesAsync(HttpContext context) => WriteProcessesAsync(context, null);

    public static async Task GetProcessAsync(HttpContext context)
    {
        (OptimizingProcessRecord process, IReadOnlyList<OptimizingTaskRecord> tasks) =
            await Service(context).ProcessAsync(ProcessId(context), context.RequestAborted).ConfigureAwait(false);
        RequestAccess.RequireCatalog(context, process.Table.Catalog);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer => OptimizingViews.WriteProcess(writer, process, tasks)).ConfigureAwait(false);
    }

    public static async Task CancelProcessAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        OptimizingService service = Service(context);
        long id = ProcessId(context);
        await service.CancelProcessAsync(id, context.RequestAborted).ConfigureAwait(false);
        (OptimizingProcessRecord process, IReadOnlyList<OptimizingTaskRecord> tasks) = await service.ProcessAsync(id, context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer => OptimizingViews.WriteProcess(writer, process, tasks)).ConfigureAwait(false);
    }

    /// <summary>Evaluates every table now instead of at the next refresh.</summary>
    public static async Task RefreshAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        await Service(context).RefreshAsync(context.RequestAborted).ConfigureAwait(false);
        await ListTablesAsync(context).ConfigureAwait(false);
    }

    public static async Task ListOptimizersAsync(HttpContext context)
    {
        OptimizingService service = Service(context);
        IReadOnlyList<OptimizerInstance> optimizers = await service.OptimizersAsync(context.RequestAborted).ConfigureAwait(false);
        IReadOnlyDictionary<string, int> running = await service.RunningTasksAsync(context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("optimizers");
            foreach (OptimizerInstance optimizer in optimizers)
            {
                OptimizingViews.WriteOptimizer(writer, optimizer, running.GetValueOrDefault(optimizer.Token));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public static async Task ListGroupsAsync(HttpContext context)
    {
        OptimizingService service = Service(context);
        IReadOnlyList<OptimizerGroupRecord> groups = await service.GroupsAsync(context.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<OptimizerInstance> optimizers = await service.OptimizersAsync(context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("groups");
            foreach (OptimizerGroupRecord group in groups)
            {
                OptimizingViews.WriteGroup(writer, group, optimizers);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    /// <summary><c>{"name": "etl", "local-threads": 2, "properties": {}}</c>.</summary>
    public static async Task CreateGroupAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        OptimizingService service = Service(context);
        using RequestBody body = await ManagementJson.ReadObjectAsync(context).ConfigureAwait(false);
        string name = ManagementJson.RequiredString(body.Root, "name");
        OptimizerGroupRecord group = await service.CreateGroupAsync(
            name, LocalThreads(body.Root) ?? 0, ManagementJson.OptionalMap(body.Root, "properties"), context.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<OptimizerInstance> optimizers = await service.OptimizersAsync(context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status201Created, writer => OptimizingViews.WriteGroup(writer, group, optimizers)).ConfigureAwait(false);
    }

    /// <summary><c>{"local-threads": 4}</c> (and optionally <c>"properties"</c>, replacing them).</summary>
    public static async Task ResizeGroupAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        OptimizingService service = Service(context);
        using RequestBody body = await ManagementJson.ReadObjectAsync(context).ConfigureAwait(false);
        int threads = LocalThreads(body.Root) ?? throw new FloeException(FloeErrorKind.InvalidArgument, "Field 'local-threads' is required.");
        IReadOnlyDictionary<string, string>? properties = body.Root.TryGetProperty("properties", out _) ? ManagementJson.OptionalMap(body.Root, "properties") : null;
        OptimizerGroupRecord group = await service.ResizeGroupAsync(CatalogEndpoints.Route(context, "group"), threads, properties, context.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<OptimizerInstance> optimizers = await service.OptimizersAsync(context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer => OptimizingViews.WriteGroup(writer, group, optimizers)).ConfigureAwait(false);
    }

    public static async Task DropGroupAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        await Service(context).DropGroupAsync(CatalogEndpoints.Route(context, "group"), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task WriteProcessesAsync(HttpContext context, TableKey? table)
    {
        int limit = 50;
        if (context.Request.Query.TryGetValue("limit", out var values)
            && !(int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= 1000))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Query parameter 'limit' must be a number from 1 to 1000, not '{values}'.");
        }

        List<OptimizingProcessRecord> processes = await Service(context).ProcessesAsync(table, limit, context.RequestAborted).ConfigureAwait(false);
        FloePrincipal principal = RequestAccess.Principal(context);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("processes");
            foreach (OptimizingProcessRecord process in processes.Where(p => principal.CanUse(p.Table.Catalog)))
            {
                OptimizingViews.WriteProcess(writer, process);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static TableKey Table(HttpContext context)
    {
        string catalog = CatalogEndpoints.Route(context, "catalog");
        RequestAccess.RequireCatalog(context, catalog);
        Namespace @namespace = Namespace.Parse(CatalogEndpoints.Route(context, "namespace"));
        return new TableKey(catalog, @namespace.ToString(), CatalogEndpoints.Route(context, "table"));
    }

    private static long ProcessId(HttpContext context)
    {
        string text = CatalogEndpoints.Route(context, "process");
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            ? id
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"'{text}' is not a process id.");
    }

    private static int? LocalThreads(JsonElement body)
    {
        if (!body.TryGetProperty("local-threads", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int threads)
            ? threads
            : throw new FloeException(FloeErrorKind.InvalidArgument, "Field 'local-threads' must be a whole number.");
    }

    private static OptimizingService Service(HttpContext context) =>
        context.RequestServices.GetService<OptimizingService>()
        ?? throw new FloeException(FloeErrorKind.Unsupported, "This server runs no optimizing service.");
}
