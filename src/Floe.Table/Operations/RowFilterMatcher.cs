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
/// (<see cref="StrictMetricsFilter"/>) prove that every row matches; otherwise only some rows may match and the file
/// cannot be dropped whole, which fails the delete.
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

        return evaluators.Strict.Eval(id => file.Partition[evaluators.PositionById[id]]) || _metrics.Strict.AllRowsMatch(file)
            ? true
            : throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Cannot delete file {file.FilePath} by metadata: some rows may not match filter {rowFilter}.");
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
