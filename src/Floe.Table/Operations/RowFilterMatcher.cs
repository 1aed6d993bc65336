using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Schemas;

namespace Floe.Table.Operations;

/// <summary>
/// Decides from a data file's partition whether all of its rows match a row filter (the strict projection holds), none
/// can (the inclusive projection fails), or some might; a file in the last group cannot be deleted as a whole.
/// </summary>
internal sealed class RowFilterMatcher(Expression rowFilter)
{
    private readonly Dictionary<int, SpecEvaluators> _bySpec = [];

    public Expression RowFilter => rowFilter;

    /// <summary>True when the whole file matches, false when no row can; throws when only some rows may.</summary>
    public bool DeletesWholeFile(TableMetadata metadata, ContentFile file)
    {
        if (!_bySpec.TryGetValue(file.SpecId, out var evaluators))
        {
            evaluators = SpecEvaluators.Create(metadata, file, rowFilter);
            _bySpec[file.SpecId] = evaluators;
        }

        if (!evaluators.Inclusive.MightMatch(file.Partition))
        {
            return false;
        }

        return evaluators.Strict.Eval(id => file.Partition[evaluators.PositionById[id]])
            ? true
            : throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Cannot delete file where some, but not all, rows match filter {rowFilter}: {file.FilePath}.");
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
