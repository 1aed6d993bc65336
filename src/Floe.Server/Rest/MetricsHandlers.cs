using Floe.Common.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Rest;

/// <summary><c>POST .../tables/{table}/metrics</c>: validates the report and hands it to the sink (or the log).</summary>
internal static class MetricsHandlers
{
    public static async Task ReportAsync(RestCall call)
    {
        var identifier = call.Table();
        IcebergMetricsReport report;
        using (var body = await call.ReadBodyAsync("metrics report").ConfigureAwait(false))
        {
            var (type, tableName, snapshotId) = MetricsReportParser.Validate(body.Root);
            report = new IcebergMetricsReport(call.CatalogName, identifier, type, tableName, snapshotId, body.Root.GetRawText());
        }

        if (!await call.Catalog.TableExistsAsync(identifier, call.Aborted).ConfigureAwait(false))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Table {identifier} does not exist.");
        }

        var sink = call.Http.RequestServices.GetService<IIcebergMetricsSink>();
        if (sink is not null)
        {
            await sink.ReportAsync(report, call.Aborted).ConfigureAwait(false);
        }
        else
        {
            var logger = call.Http.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("Floe.Server.Rest.Metrics");
            logger?.LogInformation("Metrics {ReportType} for {Catalog}.{Table} snapshot {SnapshotId}: {Report}",
                report.ReportType, report.Catalog, report.Table, report.SnapshotId, report.Json);
        }

        await RestResponse.NoContentAsync(call.Http).ConfigureAwait(false);
    }
}
