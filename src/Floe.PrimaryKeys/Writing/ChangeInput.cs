using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.PrimaryKeys.Model;
using Floe.Table.Data.Columns;

namespace Floe.PrimaryKeys.Writing;

/// <summary>
/// Checks an input batch against the table schema and lines its columns up in schema order, matched by name. Columns
/// the input lacks are filled with nulls when nullable; a missing key or required column, an unknown column, a type
/// mismatch, a null key or a null in a required column is refused with a <see cref="FloeException"/> naming it.
/// </summary>
internal sealed class ChangeInput : IDisposable
{
    private readonly List<ColumnVector> _filled = [];

    private ChangeInput(ColumnVector[] columns, int rowCount)
    {
        Columns = columns;
        RowCount = rowCount;
    }

    /// <summary>The columns in schema order.</summary>
    public ColumnVector[] Columns { get; }

    public int RowCount { get; }

    public static ChangeInput Resolve(ColumnBatch batch, Schema schema, IReadOnlyList<ColumnField> fields, PrimaryKey key)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Validate();
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < batch.Fields.Count; i++)
        {
            if (!byName.TryAdd(batch.Fields[i].Name, i))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"The input has column '{batch.Fields[i].Name}' twice.");
            }

            if (schema.Columns.All(c => !string.Equals(c.Name, batch.Fields[i].Name, StringComparison.Ordinal)))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"The input column '{batch.Fields[i].Name}' is not a column of the table ({string.Join(", ", schema.Columns.Select(c => c.Name))}).");
            }
        }

        var columns = new ColumnVector[schema.Columns.Count];
        var input = new ChangeInput(columns, batch.RowCount);
        try
        {
            for (int c = 0; c < schema.Columns.Count; c++)
            {
                var column = schema.Columns[c];
                bool isKey = key.Fields.Any(f => f.Id == column.Id);
                if (!byName.TryGetValue(column.Name, out int index))
                {
                    if (isKey)
                    {
                        throw new FloeException(FloeErrorKind.InvalidArgument, $"The input lacks primary key column '{column.Name}'.");
                    }

                    if (column.IsRequired)
                    {
                        throw new FloeException(FloeErrorKind.InvalidArgument, $"The input lacks required column '{column.Name}'.");
                    }

                    columns[c] = input.Fill(fields[c].Type, batch.RowCount);
                    continue;
                }

                ColumnVector vector = batch.Column(index);
                if (!vector.Type.Equals(fields[c].Type))
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"The input column '{column.Name}' has type {vector.Type} but the table column is {fields[c].Type}.");
                }

                if (vector.HasNulls && (isKey || column.IsRequired))
                {
                    int row = FirstNull(vector);
                    throw new FloeException(FloeErrorKind.InvalidArgument, isKey
                        ? $"Row {row} of the input has a null primary key value in column '{column.Name}'."
                        : $"Row {row} of the input has a null in required column '{column.Name}'.");
                }

                columns[c] = vector;
            }

            return input;
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (ColumnVector vector in _filled)
        {
            vector.Dispose();
        }

        _filled.Clear();
    }

    private ColumnVector Fill(ColumnType type, int rows)
    {
        ColumnVector vector = ColumnVector.Create(type, rows);
        _filled.Add(vector);
        for (int i = 0; i < rows; i++)
        {
            vector.AppendNull();
        }

        return vector;
    }

    private static int FirstNull(ColumnVector vector)
    {
        for (int row = 0; row < vector.Length; row++)
        {
            if (vector.IsNull(row))
            {
                return row;
            }
        }

        return -1;
    }

    /// <summary>The table's columns as batch fields.</summary>
    public static IReadOnlyList<ColumnField> FieldsOf(Schema schema) => IcebergColumns.ToColumnFields(schema);
}
