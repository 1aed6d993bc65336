using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;

namespace Floe.Table.Scanning;

/// <summary>
/// The pruning decisions of one scan, prepared once per partition spec of the table: manifests by partition
/// summaries, files by partition values, data files by column metrics.
/// </summary>
internal sealed class ScanPruning
{
    private readonly TableMetadata _metadata;
    private readonly Dictionary<int, ManifestSummaryFilter?> _manifestFilters = [];
    private readonly Dictionary<int, PartitionFilter?> _partitionFilters = [];
    private readonly Dictionary<int, ResidualFilter?> _residuals = [];
    private readonly MetricsFilter? _metricsFilter;
    private readonly Expression _filter;

    public ScanPruning(TableMetadata metadata, Schema schema, Expression boundFilter)
    {
        _metadata = metadata;
        _filter = boundFilter;
        if (boundFilter is TrueExpression)
        {
            return;
        }

        _metricsFilter = new MetricsFilter(schema, boundFilter);
        foreach (PartitionSpec spec in metadata.Specs)
        {
            _manifestFilters[spec.SpecId] = Prepare(() => new ManifestSummaryFilter(spec, schema, boundFilter));
            _partitionFilters[spec.SpecId] = Prepare(() => new PartitionFilter(spec, schema, boundFilter));
            _residuals[spec.SpecId] = Prepare(() => new ResidualFilter(spec, schema, boundFilter));
        }
    }

    public PartitionSpec SpecOf(int specId) => _metadata.SpecById(specId)
        ?? throw new FloeException(FloeErrorKind.InvalidData, $"A manifest names partition spec {specId}, which the table does not have.");

    public bool ManifestMightMatch(ManifestFile manifest) =>
        _manifestFilters.GetValueOrDefault(manifest.PartitionSpecId) is not { } filter || filter.MightMatch(manifest);

    public bool PartitionMightMatch(ContentFile file) =>
        _partitionFilters.GetValueOrDefault(file.SpecId) is not { } filter || filter.MightMatch(file.Partition);

    /// <summary>The filter the file's rows still need: true when its partition guarantees every row matches.</summary>
    public Expression ResidualOf(ContentFile file)
    {
        if (_residuals.GetValueOrDefault(file.SpecId) is not { } residual)
        {
            return _filter;
        }

        try
        {
            return residual.For(file.Partition);
        }
        catch (FloeException)
        {
            return _filter;
        }
    }

    public bool MetricsMightMatch(DataFile file) => _metricsFilter is null || _metricsFilter.MightMatch(file);

    /// <summary>A spec whose source columns the scan schema no longer has cannot prune: it keeps everything.</summary>
    private static T? Prepare<T>(Func<T> create)
        where T : class
    {
        try
        {
            return create();
        }
        catch (FloeException)
        {
            return null;
        }
    }
}
