using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Schemas;
using Floe.Table.Scanning;

namespace Floe.Table.Operations;

/// <summary>
/// Decides whether a metadata-only delete by row filter removes a data file: not when neither its partition (inclusive
/// projection) nor its column metrics allow a matching row; yes when its partition (strict projection) or its metrics
/// (<see cref="StrictMetricsFilter"/>) prove that every row matches; otherwise only some rows may match and a data file
/// cannot be dropped whole, which fails the delete, while a delete file stays. A delete file goes with the rows it
/// targets: once every row matching the filter is gone, deletes whose rows all match it have nothing left to apply to.
/// </summary>
internal sealed class RowFilterMatcher(Expression rowFilter)
{
    private readonly Dictionary<int, SpecEvaluators> _bySpec = [];
    private MetricsEvaluators? _metrics;

    public Expression RowFilter => rowFilter;

    /// <summary>True when the whole file matches, false when no row can; throws when only some rows may.</summary>
    public bool DeletesWholeFile(TableMetadata metadata, ContentFile file)
    {
        if (!_bySpec.TryGetValue(file.SpecId, out var evaluators))
        {
            evaluators = SpecEvaluators.Create(metadata, file, rowFilter);
            _bySpec[file.SpecId] = evaluators;
        }

        if (_metrics is null || _metrics.SchemaId != metadata.CurrentSchemaId)
        {
            _metrics = MetricsEvaluators.Create(metadata.CurrentSchema, rowFilter);
        }

        if (!evaluators.Inclusive.MightMatch(file.Partition) || !_metrics.Inclusive.MightMatch(file))
        {
            return false;
        }

        if (evaluators.Strict.Eval(id => file.Partition[evaluators.PositionById[id]]) || _metrics.Strict.AllRowsMatch(file))
        {
            return true;
        }

        // A delete file that may still apply to rows outside the filter simply stays (as in Java); a data file cannot be split.
        return file.Content == FileContent.Data
            ? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot delete file {file.FilePath} by metadata: some rows may not match filter {rowFilter}.")
            : false;
    }

    private sealed record MetricsEvaluators(int SchemaId, MetricsFilter Inclusive, StrictMetricsFilter Strict)
    {
        public static MetricsEvaluators Create(Schema schema, Expression rowFilter) =>
            new(schema.SchemaId, new MetricsFilter(schema, rowFilter), new StrictMetricsFilter(schema, rowFilter));
    }

    private sealed record SpecEvaluators(Evaluator Strict, PartitionFilter Inclusive, Dictionary<int, int> PositionById)
    {
        public static SpecEvaluators Create(TableMetadata metadata, ContentFile file, Expression rowFilter)
        {
            var spec = metadata.SpecById(file.SpecId)
                ?? throw new FloeException(FloeErrorKind.InvalidData, $"File {file.FilePath} refers to unknown partition spec {file.SpecId}.");
            var schema = metadata.CurrentSchema;
            var positions = new Dictionary<int, int>();
            for (int i = 0; i < spec.Fields.Count; i++)
            {
                positions[spec.Fields[i].FieldId] = i;
            }

            var strict = new Evaluator(new Schema(spec.PartitionType(schema)), Projections.Strict(spec, schema, rowFilter));
            return new SpecEvaluators(strict, new PartitionFilter(spec, schema, rowFilter), positions);
        }
    }
}
