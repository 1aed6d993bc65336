using Floe.Core.Schemas;
using Floe.Sql.Grammar;
using Floe.Sql.Syntax;

namespace Floe.Sql;

/// <summary>One transform term, <c>bucket(16, id)</c>, <c>day(ts) as d</c> or a bare column (identity).</summary>
public static class SqlTransform
{
    /// <param name="text">The term.</param>
    /// <param name="schema">A schema whose columns the term must name, or null to check the syntax only.</param>
    /// <param name="subject">What error messages call the text.</param>
    public static TransformTerm Parse(string text, Schema? schema = null, string subject = "transform")
    {
        var cursor = new SqlCursor(text, subject);
        TransformTerm term = ParseTerm(cursor, schema);
        cursor.ExpectEnd();
        return term;
    }

    /// <summary>A term with an optional <c>as name</c>.</summary>
    internal static TransformTerm ParseTerm(SqlCursor cursor, Schema? schema)
    {
        (SqlToken column, Core.Transforms.Transform transform) = TransformParser.Parse(cursor, schema, "a column or transform");
        string? name = cursor.TakeKeyword("as") ? cursor.ExpectName("a partition field name after 'as'").Text : null;
        return new TransformTerm(column.Text, transform, name);
    }
}
