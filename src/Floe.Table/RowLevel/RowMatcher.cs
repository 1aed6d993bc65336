using System.Buffers;
using Floe.Common.Columnar;
using Floe.Core.Schemas;

namespace Floe.Table.RowLevel;

/// <summary>
/// Finds the rows of batches that satisfy a <see cref="RowPredicate"/> (SQL semantics: unknown does not match). The
/// predicate is checked against the schema of the batches when the matcher is built, so a missing column or a type
/// error fails before any data is read.
/// </summary>
public sealed class RowMatcher
{
    private readonly BoundCondition _condition;

    public RowMatcher(Schema batchSchema, RowPredicate predicate, bool caseSensitive = true)
    {
        ArgumentNullException.ThrowIfNull(batchSchema);
        ArgumentNullException.ThrowIfNull(predicate);
        var binder = new ExpressionBinder(batchSchema, caseSensitive);
        _condition = binder.Bind(predicate);
        ReferencedIds = binder.ReferencedIds;
        Predicate = predicate;
    }

    public RowPredicate Predicate { get; }

    /// <summary>The field ids of the columns the predicate reads.</summary>
    public IReadOnlySet<int> ReferencedIds { get; }

    /// <summary>The field ids a predicate reads in <paramref name="schema"/> (also checks it against the schema).</summary>
    public static IReadOnlySet<int> ColumnsOf(Schema schema, RowPredicate predicate, bool caseSensitive = true) =>
        new RowMatcher(schema, predicate, caseSensitive).ReferencedIds;

    /// <summary>Sets one flag per row: whether it matches.</summary>
    public void Match(ColumnBatch batch, Span<bool> matches)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (matches.Length != batch.RowCount)
        {
            throw new ArgumentException($"Expected {batch.RowCount} flags, got {matches.Length}.", nameof(matches));
        }

        VectorEvaluator.Match(_condition, batch, matches);
    }

    /// <summary>The indexes of the matching rows, ascending.</summary>
    public int[] MatchingRows(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int rows = batch.RowCount;
        bool[] flags = ArrayPool<bool>.Shared.Rent(Math.Max(rows, 1));
        try
        {
            Span<bool> matches = flags.AsSpan(0, rows);
            VectorEvaluator.Match(_condition, batch, matches);
            var result = new int[matches.Count(true)];
            int next = 0;
            for (int row = 0; row < rows; row++)
            {
                if (matches[row])
                {
                    result[next++] = row;
                }
            }

            return result;
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(flags);
        }
    }
}
