using Apache.Arrow;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Table.Data.Columns;
using IcebergSchema = Floe.Core.Schemas.Schema;
using NestedField = Floe.Core.Types.NestedField;

namespace Floe.Arrow;

/// <summary>
/// Column batches as Arrow record batches and back.
/// <para>
/// <see cref="ToRecordBatch(ColumnBatch, IcebergSchema)"/> shares memory: the record batch's buffers are the
/// column vectors' own pooled buffers, which the vectors hand over and the record batch returns to the pool when it
/// is disposed. The column batch is left empty (zero rows, ready to be reused or disposed), so nothing Floe does
/// with it afterwards can touch the record batch's memory. Only booleans are copied (Floe stores a byte per value,
/// Arrow a bit).
/// </para>
/// <para>
/// <see cref="ToColumnBatch"/> copies Arrow's buffers into a new column batch's pooled buffers a buffer at a time,
/// so the column batch never holds Arrow's memory and the record batch stays the caller's to dispose.
/// </para>
/// </summary>
public static class ArrowBatches
{
    /// <summary>
    /// The record batch of every column of <paramref name="batch"/>, with an Arrow schema from its column fields;
    /// moves the batch's buffers into the record batch, leaving the batch empty.
    /// </summary>
    public static RecordBatch ToRecordBatch(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Validate();
        Apache.Arrow.Schema arrowSchema = ArrowSchemas.ToArrowSchema(batch.Fields);
        int rows = batch.RowCount;
        var arrays = new IArrowArray[batch.Columns.Count];
        for (int i = 0; i < arrays.Length; i++)
        {
            arrays[i] = ArrowArrayFactory.BuildArray(ArrowExport.Export(batch.Column(i), arrowSchema.FieldsList[i].DataType));
        }

        return new RecordBatch(arrowSchema, arrays, rows);
    }

    /// <summary>
    /// The record batch of <paramref name="schema"/>'s columns (Arrow schema <see cref="ArrowSchemas.ToArrowSchema(IcebergSchema)"/>),
    /// taken from <paramref name="batch"/>'s columns by field id, else by name; moves their buffers into the record
    /// batch, leaving them empty. An optional column the batch lacks is all null; a missing required column, a
    /// column of another type and nulls in a required column are <see cref="FloeErrorKind.InvalidArgument"/> errors.
    /// </summary>
    public static RecordBatch ToRecordBatch(ColumnBatch batch, IcebergSchema schema)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(schema);
        batch.Validate();
        Apache.Arrow.Schema arrowSchema = ArrowSchemas.ToArrowSchema(schema);
        IReadOnlyList<ColumnField> expected = IcebergColumns.ToColumnFields(schema);
        int rows = batch.RowCount;

        // Check every column before moving any buffer, so a refused batch is left as it was.
        var sources = new ColumnVector?[expected.Count];
        for (int i = 0; i < expected.Count; i++)
        {
            sources[i] = Source(batch, schema.Columns[i], expected[i]);
            if (sources[i] is not null && System.Array.IndexOf(sources, sources[i], 0, i) >= 0)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument,
                    $"Column '{schema.Columns[i].Name}' matches a column of the batch that another schema column already took.");
            }
        }

        var arrays = new IArrowArray[expected.Count];
        for (int i = 0; i < arrays.Length; i++)
        {
            ColumnVector? source = sources[i];
            if (source is null)
            {
                source = ColumnVector.Create(expected[i].Type, rows);
                source.AppendNulls(rows);
            }

            using (source == sources[i] ? null : source)
            {
                arrays[i] = ArrowArrayFactory.BuildArray(ArrowExport.Export(source, arrowSchema.FieldsList[i].DataType));
            }
        }

        return new RecordBatch(arrowSchema, arrays, rows);
    }

    /// <summary>
    /// A new column batch of <paramref name="schema"/>'s columns holding a copy of <paramref name="batch"/>'s rows.
    /// Columns are matched by the field id in each Arrow field's metadata, else by name, at every nesting level;
    /// an optional column the record batch lacks is all null. Arrow types that convert losslessly are accepted
    /// (see <see cref="ArrowSchemas.ToIcebergSchema"/>); a missing required column, a column of another type and
    /// nulls in a required column are <see cref="FloeErrorKind.InvalidArgument"/> errors naming the column.
    /// </summary>
    public static ColumnBatch ToColumnBatch(RecordBatch batch, IcebergSchema schema)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(schema);
        var result = ColumnBatch.Create(IcebergColumns.ToColumnFields(schema), batch.Length);
        try
        {
            IReadOnlyList<Field> fields = batch.Schema.FieldsList;
            for (int i = 0; i < schema.Columns.Count; i++)
            {
                NestedField column = schema.Columns[i];
                int k = ArrowImport.Find(fields, column);
                if (k >= 0)
                {
                    ArrowImport.Append(result.Column(i), column, fields[k], batch.Column(k).Data, 0, batch.Length, column.Name, checkRequired: true);
                }
                else if (column.IsOptional)
                {
                    result.Column(i).AppendNulls(batch.Length);
                }
                else
                {
                    throw new FloeException(FloeErrorKind.InvalidArgument, $"Required column '{column.Name}' is missing from the record batch.");
                }
            }

            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }

    private static ColumnVector? Source(ColumnBatch batch, NestedField column, ColumnField expected)
    {
        int found = -1;
        for (int i = 0; i < batch.Fields.Count && found < 0; i++)
        {
            if (batch.Fields[i].FieldId == column.Id)
            {
                found = i;
            }
        }

        for (int i = 0; i < batch.Fields.Count && found < 0; i++)
        {
            if (string.Equals(batch.Fields[i].Name, column.Name, StringComparison.Ordinal))
            {
                found = i;
            }
        }

        if (found < 0)
        {
            return column.IsOptional ? null : throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Required column '{column.Name}' is missing from the column batch.");
        }

        ColumnVector vector = batch.Column(found);
        if (!SameLayout(vector.Type, expected.Type))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Column '{column.Name}' is {column.Type} in the schema but the column batch holds {vector.Type}.");
        }

        if (column.IsRequired && vector.HasNulls)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Column '{column.Name}' is required but the column batch holds {vector.NullCount} nulls in it.");
        }

        return vector;
    }

    /// <summary>Same kind and parameters at every level, children in the same order; names, ids and nullability aside.</summary>
    private static bool SameLayout(ColumnType actual, ColumnType expected)
    {
        if (actual.Kind != expected.Kind || actual.Precision != expected.Precision || actual.Scale != expected.Scale
            || actual.ByteWidth != expected.ByteWidth || actual.Unit != expected.Unit
            || actual.AdjustedToUtc != expected.AdjustedToUtc || actual.Children.Count != expected.Children.Count)
        {
            return false;
        }

        for (int i = 0; i < actual.Children.Count; i++)
        {
            if (!SameLayout(actual.Children[i].Type, expected.Children[i].Type))
            {
                return false;
            }
        }

        return true;
    }
}
