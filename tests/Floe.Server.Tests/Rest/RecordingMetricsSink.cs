using System.Collections.Concurrent;
using Floe.Server.Rest;

namespace Floe.Server.Tests.Rest;

/// <summary>Keeps every metrics report the server hands over.</summary>
public sealed class RecordingMetricsSink : IIcebergMetricsSink
{
    public ConcurrentQueue<IcebergMetricsReport> Reports { get; } = new();

    public Task ReportAsync(IcebergMetricsReport report, CancellationToken cancellationToken)
    {
        Reports.Enqueue(report);
        return Task.CompletedTask;
    }
}
