using Floe.Catalog;

namespace Floe.Server.Rest;

/// <summary>A validated metrics report a client sent after a scan or a commit.</summary>
/// <param name="Catalog">The catalog the table is in.</param>
/// <param name="Table">The table of the route.</param>
/// <param name="ReportType"><c>scan-report</c> or <c>commit-report</c>.</param>
/// <param name="TableName">The <c>table-name</c> the client wrote in the report.</param>
/// <param name="SnapshotId">The snapshot scanned or committed.</param>
/// <param name="Json">The report as received.</param>
public sealed record IcebergMetricsReport(
    string Catalog,
    TableIdentifier Table,
    string ReportType,
    string TableName,
    long SnapshotId,
    string Json);

/// <summary>Receives the metrics reports of the REST catalog. Without one registered in DI, reports are logged.</summary>
public interface IIcebergMetricsSink
{
    Task ReportAsync(IcebergMetricsReport report, CancellationToken cancellationToken);
}
