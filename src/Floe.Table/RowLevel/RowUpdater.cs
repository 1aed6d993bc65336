using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Table.Data.Columns;

namespace Floe.Table.RowLevel;

/// <summary>
/// Computes updated rows: copies of chosen rows of a batch whose table columns come first, in the table schema's order,
/// with the assigned columns replaced by their new values (converted to the column type; numbers are range-checked).
/// All values are computed from the rows as they were before the update.
/// </summary>
public sealed class RowUpdater
{
    private readonly Schema _table;
    private readonly (int Index, NestedField Field, BoundValue Value)[] _assignments;

    /// <param name="table">The table schema: the top-level columns rows are written with.</param>
    /// <param name="batchSchema">The schema of the batches read: the table's columns first, maybe followed by others.</param>
    /// <param name="assignments">Top-level columns and their new values; each column at most once.</param>
    /// <param name="caseSensitive">Whether column names must match in case.</param>
    public RowUpdater(Schema table, Schema batchSchema, IReadOnlyList<Assignment> assignments, bool caseSensitive = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(batchSchema);
        ArgumentNullException.ThrowIfNull(assignments);
        if (assignments.Count == 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "An update needs at least one assignment.");
        }

        _table = table;
        var binder = new ExpressionBinder(batchSchema, caseSensitive);
        var result = new List<(int, NestedField, BoundValue)>();
        foreach (Assignment assignment in assignments)
        {
            int index = IndexOf(table, assignment.Column, caseSensitive);
            NestedField field = table.Columns[index];
            if (result.Exists(a => a.Item1 == index))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Column '{field.Name}' is assigned more than once.");
            }

            BoundValue value = binder.Bind(assignment.Value);
            ExpressionBinder.CheckAssignable(value, field);
            result.Add((index, field, value));
        }

        _assignments = [.. result];
        ReferencedIds = binder.ReferencedIds;
        AssignedIds = new HashSet<int>(_assignments.Select(a => a.Field.Id));
    }

    /// <summary>The field ids the new values read.</summary>
    public IReadOnlySet<int> ReferencedIds { get; }

    /// <summary>The field ids of the assigned columns.</summary>
    public IReadOnlySet<int> AssignedIds { get; }

    /// <summary>The updated copies of <paramref name="rows"/> of <paramref name="batch"/>, in the table schema.</summary>
    public ColumnBatch Apply(ColumnBatch batch, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int width = _table.Columns.Count;
        using ColumnBatch selected = ColumnGather.Take(batch, rows);
        var columns = new ColumnVector?[width];
        try
        {
            foreach ((int index, NestedField field, BoundValue value) in _assignments)
            {
                using ValueVector computed = VectorEvaluator.Eval(value, selected);
                using ValueVector converted = computed.Type is { } t && t.Equals(field.Type) ? computed : VectorEvaluator.Convert(computed, (PrimitiveType)field.Type, value.Text);
                columns[index] = ToColumn(converted, field);
            }

            var fields = new ColumnField[width];
            for (int i = 0; i < width; i++)
            {
                fields[i] = batch.Fields[i];
                columns[i] ??= ColumnGather.Take(selected.Column(i), Enumerable.Range(0, selected.RowCount).ToArray());
            }

            return new ColumnBatch(fields, columns!);
        }
        catch
        {
            foreach (ColumnVector? column in columns)
            {
                column?.Dispose();
            }

            throw;
        }
    }

    private static int IndexOf(Schema table, string name, bool caseSensitive)
    {
        for (int i = 0; i < table.Columns.Count; i++)
        {
            if (string.Equals(table.Columns[i].Name, name, caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new FloeException(FloeErrorKind.InvalidArgument,
            table.FindField(name, caseSensitive) is null ? $"Column '{name}' does not exist." : $"Column '{name}' is inside a struct; only top-level columns can be set.");
    }

    private static ColumnVector ToColumn(ValueVector values, NestedField field)
    {
        ColumnVector vector = ColumnVector.Create(IcebergColumns.ToColumnType(field.Type), values.Length);
        try
        {
            for (int row = 0; row < values.Length; row++)
            {
                if (values.Nulls[row])
                {
                    if (field.IsRequired)
                    {
                        throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot set required column '{field.Name}' to null.");
                    }

                    vector.AppendNull();
                    continue;
                }

                switch (vector)
                {
                    case PrimitiveVector<bool> v:
                        v.Append(values.Booleans![row]);
                        break;
                    case PrimitiveVector<int> v:
                        v.Append((int)values.Integers![row]);
                        break;
                    case PrimitiveVector<long> v:
                        v.Append(values.Integers![row]);
                        break;
                    case PrimitiveVector<float> v:
                        v.Append((float)values.Floats![row]);
                        break;
                    case PrimitiveVector<double> v:
                        v.Append(values.Floats![row]);
                        break;
                    case PrimitiveVector<Int128> v:
                        v.Append(values.Decimals![row]);
                        break;
                    case BinaryVector v:
                        v.Append(values.Strings!.GetBytes(row));
                        break;
                    default:
                        throw new FloeException(FloeErrorKind.Unsupported, $"Cannot set column '{field.Name}' of type {field.Type}.");
                }
            }

            return vector;
        }
        catch
        {
            vector.Dispose();
            throw;
        }
    }
}
