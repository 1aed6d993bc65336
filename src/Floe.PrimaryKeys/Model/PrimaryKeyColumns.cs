using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.PrimaryKeys.Model;

/// <summary>
/// The metadata columns every change row carries, with Amoro's reserved field ids, after the user columns:
/// its transaction, its offset within the transaction and its action.
/// </summary>
public static class PrimaryKeyColumns
{
    public const int TransactionIdFieldId = int.MaxValue - 1001;
    public const int FileOffsetFieldId = int.MaxValue - 1002;
    public const int ChangeActionFieldId = int.MaxValue - 1003;

    public const string TransactionIdName = "_transaction_id";
    public const string FileOffsetName = "_file_offset";
    public const string ChangeActionName = "_change_action";

    public static NestedField TransactionId { get; } =
        NestedField.Required(TransactionIdFieldId, TransactionIdName, PrimitiveType.Long, "The data sequence number of the change snapshot that committed the row");

    public static NestedField FileOffset { get; } =
        NestedField.Required(FileOffsetFieldId, FileOffsetName, PrimitiveType.Long, "The row's order within its transaction");

    public static NestedField ChangeAction { get; } =
        NestedField.Required(ChangeActionFieldId, ChangeActionName, PrimitiveType.String, "I, D, UB or UA");

    /// <summary>Whether a field id is one of the three reserved change columns.</summary>
    public static bool IsChangeColumn(int fieldId) => fieldId is TransactionIdFieldId or FileOffsetFieldId or ChangeActionFieldId;

    /// <summary>The change store schema: the user schema's columns, then the three change columns.</summary>
    public static Schema ChangeSchema(Schema userSchema)
    {
        ArgumentNullException.ThrowIfNull(userSchema);
        return new Schema([.. userSchema.Columns, TransactionId, FileOffset, ChangeAction], userSchema.SchemaId, userSchema.IdentifierFieldIds);
    }

    /// <summary>The user schema of a change store schema (its columns without the change columns).</summary>
    public static Schema UserSchema(Schema changeSchema)
    {
        ArgumentNullException.ThrowIfNull(changeSchema);
        return new Schema(changeSchema.Columns.Where(c => !IsChangeColumn(c.Id)), changeSchema.SchemaId, changeSchema.IdentifierFieldIds);
    }
}
