using Apache.Arrow;
using Apache.Arrow.Types;
using Floe.Arrow;
using Floe.PrimaryKeys.ChangeData;
using Floe.PrimaryKeys.Model;
using IcebergSchema = Floe.Core.Schemas.Schema;

namespace Floe;

/// <summary>
/// Changes of a primary-key table in commit order: a record batch of the table's columns followed by
/// <see cref="ChangeTypeColumn"/>, and the position to resume after this batch. An update comes as an
/// <c>UPDATE_BEFORE</c> row followed by its <c>UPDATE_AFTER</c> row. Disposing frees the record batch.
/// </summary>
public sealed class FloeChangeBatch : IDisposable
{
    /// <summary>The name of the last column: each row's change, <c>INSERT</c>, <c>DELETE</c>, <c>UPDATE_BEFORE</c> or <c>UPDATE_AFTER</c>.</summary>
    public const string ChangeTypeColumn = "_change_type";

    private FloeChangeBatch(RecordBatch batch, string position)
    {
        Batch = batch;
        Position = position;
    }

    /// <summary>The rows: the table's columns, then <see cref="ChangeTypeColumn"/> (a non-null string).</summary>
    public RecordBatch Batch { get; }

    public int RowCount => Batch.Length;

    /// <summary>The position after this batch: store it and pass it to <see cref="FloeTable.ReadChangesAsync"/> to resume without gaps or repeats.</summary>
    public string Position { get; }

    public void Dispose() => Batch.Dispose();

    /// <summary>Moves the rows of <paramref name="changes"/> (left empty) into a record batch with the change column.</summary>
    internal static FloeChangeBatch From(ChangeBatch changes, IcebergSchema schema)
    {
        string position = changes.End.ToString();
        var types = new StringArray.Builder();
        foreach (ChangeAction action in changes.Actions)
        {
            types.Append(Name(action));
        }

        RecordBatch rows = ArrowBatches.ToRecordBatch(changes.Rows, schema);
        var schemaBuilder = new Apache.Arrow.Schema.Builder();
        foreach (Field field in rows.Schema.FieldsList)
        {
            schemaBuilder.Field(field);
        }

        schemaBuilder.Field(new Field(ChangeTypeColumn, StringType.Default, nullable: false));

        // The arrays move to the new batch, which frees them; 'rows' owns nothing else and is not disposed.
        IArrowArray[] arrays = [.. rows.Arrays, types.Build()];
        var batch = new RecordBatch(schemaBuilder.Build(), arrays, rows.Length);
        return new FloeChangeBatch(batch, position);
    }

    private static string Name(ChangeAction action) => action switch
    {
        ChangeAction.Insert => "INSERT",
        ChangeAction.Delete => "DELETE",
        ChangeAction.UpdateBefore => "UPDATE_BEFORE",
        _ => "UPDATE_AFTER",
    };
}
