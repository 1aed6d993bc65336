using Floe.Common.Errors;
using Floe.Contracts.Management;
using Floe.Server.Maintenance;
using Floe.Server.Security;
using Floe.Server.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Management;

/// <summary>
/// The maintenance scheduler in the management API: the history of runs (per table and overall, newest first) and
/// running one action on one table now, which needs an admin token.
/// </summary>
internal static class MaintenanceEndpoints
{
    public static Task ListTableRunsAsync(HttpContext context) => WriteRunsAsync(context, OptimizingEndpoints.Table(context));

    public static Task ListRunsAsync(HttpContext context) => WriteRunsAsync(context, null);

    /// <summary><see cref="RunMaintenanceRequest"/>: <c>{"action": "expire-snapshots"}</c>; answers the run as recorded.</summary>
    public static async Task RunAsync(HttpContext context)
    {
        RequestAccess.RequireAdmin(context);
        TableKey table = OptimizingEndpoints.Table(context);
        RunMaintenanceRequest request = await ManagementJson.ReadAsync(context, ManagementJson.Contract.RunMaintenanceRequest).ConfigureAwait(false);
        MaintenanceAction action = MaintenanceActions.Parse(request.Action);
        MaintenanceRunRecord run = await Scheduler(context).RunNowAsync(table, action, context.RequestAborted).ConfigureAwait(false);
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, View(run), ManagementJson.Contract.MaintenanceRunView).ConfigureAwait(false);
    }

    private static async Task WriteRunsAsync(HttpContext context, TableKey? table)
    {
        List<MaintenanceRunRecord> runs = await Scheduler(context).HistoryAsync(table, OptimizingEndpoints.Limit(context), context.RequestAborted).ConfigureAwait(false);
        FloePrincipal principal = RequestAccess.Principal(context);
        var answer = new MaintenanceRunList { Runs = [.. runs.Where(r => principal.CanUse(r.Table.Catalog)).Select(View)] };
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, answer, ManagementJson.Contract.MaintenanceRunList).ConfigureAwait(false);
    }

    private static MaintenanceRunView View(MaintenanceRunRecord run) => new()
    {
        RunId = run.RunId,
        Catalog = run.Table.Catalog,
        Namespace = run.Table.Namespace,
        Table = run.Table.Table,
        Action = run.Action,
        Trigger = run.Trigger,
        StartedMs = run.StartedMs,
        DurationMs = run.DurationMs,
        FilesRemoved = run.FilesRemoved,
        BytesRemoved = run.BytesRemoved,
        SnapshotsExpired = run.SnapshotsExpired,
        RowsExpired = run.RowsExpired,
        Summary = run.Summary,
        Error = run.Error,
    };

    private static MaintenanceScheduler Scheduler(HttpContext context) =>
        context.RequestServices.GetService<MaintenanceScheduler>()
        ?? throw new FloeException(FloeErrorKind.Unsupported, "This server runs no maintenance scheduler.");
}
