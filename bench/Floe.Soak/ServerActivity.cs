using Floe.Contracts.Management;
using Floe.Http.Management;

/// <summary>What the server's optimizing service and maintenance scheduler have done so far, from the management API.</summary>
internal sealed record ServerActivity(int Processes, int FailedProcesses, int MaintenanceRuns, int FailedMaintenanceRuns, long FilesRemoved)
{
    /// <summary>The API's longest page. Asked per table, a table would need a run of hours at the soak's intervals to pass it.</summary>
    private const int Limit = 1000;

    /// <summary>Sums each table's history (the lists over all tables stop at one page, which many tables fill in minutes).</summary>
    public static async Task<ServerActivity> ReadAsync(ManagementClient client, string catalog, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        int processes = 0, failedProcesses = 0, runs = 0, failedRuns = 0;
        long filesRemoved = 0;
        foreach (string name in tables)
        {
            int dot = name.LastIndexOf('.');
            string @namespace = name[..dot], table = name[(dot + 1)..];
            IReadOnlyList<ProcessView> tableProcesses = await client.ListTableProcessesAsync(catalog, @namespace, table, Limit, cancellationToken);
            IReadOnlyList<MaintenanceRunView> tableRuns = await client.ListTableMaintenanceAsync(catalog, @namespace, table, Limit, cancellationToken);
            processes += tableProcesses.Count(p => p.Status == "success");
            failedProcesses += tableProcesses.Count(p => p.Status == "failed");
            runs += tableRuns.Count;
            failedRuns += tableRuns.Count(r => r.Error is not null);
            filesRemoved += tableRuns.Sum(r => r.FilesRemoved);
        }

        return new ServerActivity(processes, failedProcesses, runs, failedRuns, filesRemoved);
    }
}
