using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Table.Scanning;

namespace Floe.Table.Operations;

/// <summary>
/// Which concurrently added or removed files count as conflicts: with no filter every file does; with a row filter
/// only files whose partition (inclusive projection) and column metrics allow a matching row.
/// </summary>
internal sealed class ConflictFilter
{
    private readonly Expression? _filter;
    private readonly TableMetadata _metadata;
    private readonly Dictionary<int, PartitionFilter?> _partitions = [];
    private readonly MetricsFilter? _metrics;

    public ConflictFilter(TableMetadata metadata, Expression? filter)
    {
        _metadata = metadata;
        _filter = filter is TrueExpression ? null : filter;
        if (_filter is not null)
        {
            _metrics = new MetricsFilter(metadata.CurrentSchema, _filter);
        }
    }

    public bool MightMatch(ContentFile file)
    {
        if (_filter is null)
        {
            return true;
        }

        if (!_partitions.TryGetValue(file.SpecId, out PartitionFilter? partition))
        {
            partition = _metadata.SpecById(file.SpecId) is { } spec ? Prepare(spec) : null;
            _partitions[file.SpecId] = partition;
        }

        return (partition is null || partition.MightMatch(file.Partition)) && _metrics!.MightMatch(file);
    }

    /// <summary>A spec whose source columns the current schema dropped cannot rule anything out.</summary>
    private PartitionFilter? Prepare(PartitionSpec spec)
    {
        try
        {
            return new PartitionFilter(spec, _metadata.CurrentSchema, _filter!);
        }
        catch (FloeException)
        {
            return null;
        }
    }
}
