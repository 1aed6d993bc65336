using System.Globalization;
using Floe.Catalog;
using Floe.Common.Errors;
using Floe.Contracts.Management;
using Floe.Server.Optimizing;
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
        var answer = new OptimizingTableList { Tables = [.. tables.Where(t => principal.CanUse(t.Key.Catalog)).Select(t => OptimizingContract.Table(t))] };
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, answer, ManagementJson.Contract.OptimizingTableList).ConfigureAwait(false);
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
        var answer = new TableOptimizing
        {
            Table = OptimizingContract.Table(runtime, occupation),
            Process = running is { } process ? OptimizingContract.Process(process.Process, NowMs(context), process.Tasks) : null,
        };
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, answer, ManagementJson.Contract.TableOptimizing).ConfigureAwait(false);
    }

    public static Task ListTableProcessesAsync(HttpContext context) => WriteProcessesAsync(context, Table(context));

    public static Task ListProcessesAsync(HttpContext context) => WriteProcessesAsync(context, null);

    public static async Task GetProcessAsync(HttpContext context)
    {
        (OptimizingProcessRecord process, IReadOnlyList<OptimizingTaskRecord> tasks) =
            await Service(context).ProcessAsync(ProcessId(context), context.RequestAborted).ConfigureAwait(false);
        RequestAccess.RequireCatalog(context, process.Table.Catalog);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, OptimizingContract.Process(process, NowMs(context), tasks), ManagementJson.Contract.ProcessView).ConfigureAwait(false);
    }

    public static async Task CancelProcessAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        OptimizingService service = Service(context);
        long id = ProcessId(context);
        await service.CancelProcessAsync(id, context.RequestAborted).ConfigureAwait(false);
        (OptimizingProcessRecord process, IReadOnlyList<OptimizingTaskRecord> tasks) = await service.ProcessAsync(id, context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, OptimizingContract.Process(process, NowMs(context), tasks), ManagementJson.Contract.ProcessView).ConfigureAwait(false);
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
        var answer = new OptimizerList { Optimizers = [.. optimizers.Select(o => OptimizingContract.Optimizer(o, running.GetValueOrDefault(o.Token)))] };
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, answer, ManagementJson.Contract.OptimizerList).ConfigureAwait(false);
    }

    public static async Task ListGroupsAsync(HttpContext context)
    {
        OptimizingService service = Service(context);
        IReadOnlyList<OptimizerGroupRecord> groups = await service.GroupsAsync(context.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<OptimizerInstance> optimizers = await service.OptimizersAsync(context.RequestAborted).ConfigureAwait(false);
        var answer = new GroupList { Groups = [.. groups.Select(g => OptimizingContract.Group(g, optimizers))] };
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, answer, ManagementJson.Contract.GroupList).ConfigureAwait(false);
    }

    /// <summary><see cref="CreateGroupRequest"/>: <c>{"name": "etl", "local-threads": 2, "properties": {}}</c>.</summary>
    public static async Task CreateGroupAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        OptimizingService service = Service(context);
        CreateGroupRequest request = await ManagementJson.ReadAsync(context, ManagementJson.Contract.CreateGroupRequest).ConfigureAwait(false);
        OptimizerGroupRecord group = await service.CreateGroupAsync(
            request.Name, request.LocalThreads ?? 0, request.Properties ?? new Dictionary<string, string>(), context.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<OptimizerInstance> optimizers = await service.OptimizersAsync(context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status201Created, OptimizingContract.Group(group, optimizers), ManagementJson.Contract.GroupView).ConfigureAwait(false);
    }

    /// <summary><see cref="ResizeGroupRequest"/>: <c>{"local-threads": 4}</c> (and optionally <c>"properties"</c>, replacing them).</summary>
    public static async Task ResizeGroupAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        OptimizingService service = Service(context);
        ResizeGroupRequest request = await ManagementJson.ReadAsync(context, ManagementJson.Contract.ResizeGroupRequest).ConfigureAwait(false);
        OptimizerGroupRecord group = await service.ResizeGroupAsync(
            CatalogEndpoints.Route(context, "group"), request.LocalThreads, request.Properties, context.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<OptimizerInstance> optimizers = await service.OptimizersAsync(context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, OptimizingContract.Group(group, optimizers), ManagementJson.Contract.GroupView).ConfigureAwait(false);
    }

    public static async Task DropGroupAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        await Service(context).DropGroupAsync(CatalogEndpoints.Route(context, "group"), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task WriteProcessesAsync(HttpContext context, TableKey? table)
    {
        List<OptimizingProcessRecord> processes = await Service(context).ProcessesAsync(table, Limit(context), context.RequestAborted).ConfigureAwait(false);
        FloePrincipal principal = RequestAccess.Principal(context);
        long now = NowMs(context);
        var answer = new ProcessList { Processes = [.. processes.Where(p => principal.CanUse(p.Table.Catalog)).Select(p => OptimizingContract.Process(p, now))] };
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, answer, ManagementJson.Contract.ProcessList).ConfigureAwait(false);
    }

    /// <summary>The <c>limit</c> query parameter of a history: 1 to 1000, 50 when absent.</summary>
    internal static int Limit(HttpContext context)
    {
        int limit = 50;
        if (context.Request.Query.TryGetValue("limit", out var values)
            && !(int.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= 1000))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Query parameter 'limit' must be a number from 1 to 1000, not '{values}'.");
        }

        return limit;
    }

    /// <summary>The table of the route, after checking the caller may use its catalog.</summary>
    internal static TableKey Table(HttpContext context)
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

    private static OptimizingService Service(HttpContext context) =>
        context.RequestServices.GetService<OptimizingService>()
        ?? throw new FloeException(FloeErrorKind.Unsupported, "This server runs no optimizing service.");

    /// <summary>Now on the server's clock, the one processes' start and end times are taken on.</summary>
    private static long NowMs(HttpContext context) =>
        context.RequestServices.GetRequiredService<Configuration.ServerOptions>().Clock.GetUtcNow().ToUnixTimeMilliseconds();
}
