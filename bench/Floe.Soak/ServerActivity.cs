using Floe.Contracts.Management;
using Floe.Http.Management;

/// <summary>What the server's optimizing service and maintenance scheduler have done so far, from the management API.</summary>
internal sealed record ServerActivity(int Processes, int FailedProcesses, int MaintenanceRuns, int FailedMaintenanceRuns, long FilesRemoved)
{
    /// <summary>The API's longest page; a run of many tables and minutes may have more, and then the counts stop there.</summary>
    private const int Limit = 1000;

    public static async Task<ServerActivity> ReadAsync(ManagementClient client, CancellationToken cancellationToken)
    {
        IReadOnlyList<ProcessView> processes = await client.ListProcessesAsync(Limit, cancellationToken);
        IReadOnlyList<MaintenanceRunView> runs = await client.ListMaintenanceAsync(Limit, cancellationToken);
        return new ServerActivity(
            processes.Count(p => p.Status == "success"),
            processes.Count(p => p.Status == "failed"),
            runs.Count,
            runs.Count(r => r.Error is not null),
            runs.Sum(r => r.FilesRemoved));
    }
}
