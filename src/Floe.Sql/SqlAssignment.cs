using Floe.Core.Schemas;
using Floe.Sql.Grammar;
using Floe.Sql.Syntax;
using Floe.Table.RowLevel;

namespace Floe.Sql;

/// <summary>An assignment of an update, <c>column = value</c> (the <c>--set</c> language), the value being any expression.</summary>
public static class SqlAssignment
{
    /// <summary>Parses <c>column = value</c>; with a schema the column must be a top-level column and the value assignable to it.</summary>
    /// <param name="text">The assignment.</param>
    /// <param name="schema">The table schema, or null to check the syntax only.</param>
    /// <param name="subject">What error messages call the text, e.g. <c>--set</c>.</param>
    public static Assignment Parse(string text, Schema? schema = null, string subject = "assignment")
    {
        var cursor = new SqlCursor(text, subject);
        var expressions = new ExpressionParser(cursor, schema);
        SqlToken column = cursor.ExpectName("a column name", ExpressionParser.Reserved);
        expressions.CheckColumn(column, topLevel: true);
        if (!cursor.TakeSymbol("=") && !cursor.TakeSymbol("=="))
        {
            throw cursor.Expected($"'=' after '{column.Text}'", cursor.Peek());
        }

        var assignment = new Assignment(column.Text, expressions.ParseValue());
        cursor.ExpectEnd();
        if (schema is not null)
        {
            SqlFilter.Bound(text, subject, () => new RowUpdater(schema, schema, [assignment]));
        }

        return assignment;
    }
}
