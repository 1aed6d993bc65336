using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Sql.Grammar;
using Floe.Sql.Syntax;

namespace Floe.Sql;

/// <summary>
/// Schema text: <c>name type [not null], ...</c>, e.g. <c>id long not null, price decimal(9, 2), tags list&lt;string&gt;</c>.
/// Field ids are assigned in reading order from 1 (a catalog assigns fresh ones on create).
/// </summary>
public static class SqlSchema
{
    /// <param name="text">The columns.</param>
    /// <param name="subject">What error messages call the text, e.g. <c>--schema</c>.</param>
    public static Schema Parse(string text, string subject = "schema")
    {
        var cursor = new SqlCursor(text, subject);
        if (cursor.AtEnd)
        {
            throw cursor.Error("the schema has no columns", cursor.Peek());
        }

        List<NestedField> columns = TypeParser.ParseFields(cursor, new FieldIds(), separator: null, "a column name");
        cursor.ExpectEnd();
        return new Schema(columns);
    }
}
