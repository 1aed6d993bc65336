using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.Sql.Syntax;

namespace Floe.Sql;

/// <summary>Sort order text: <c>term [asc|desc] [nulls first|nulls last], ...</c>, e.g. <c>id desc nulls last, day(ts)</c>.</summary>
public static class SqlSortOrder
{
    /// <summary>Parses and builds an order against <paramref name="schema"/>; blank text is the unsorted order.</summary>
    /// <param name="text">The sort fields.</param>
    /// <param name="schema">The table schema.</param>
    /// <param name="subject">What error messages call the text, e.g. <c>--sort-by</c>.</param>
    public static SortOrder Parse(string text, Schema schema, string subject = "sort order")
    {
        ArgumentNullException.ThrowIfNull(schema);
        var builder = new SortOrderBuilder(schema);
        var cursor = new SqlCursor(text, subject);
        if (cursor.AtEnd)
        {
            return builder.Build();
        }

        cursor.CommaList(() =>
        {
            SqlToken start = cursor.Peek();
            (SqlToken column, Core.Transforms.Transform transform) = Grammar.TransformParser.Parse(cursor, schema, "a column or transform");
            if (cursor.Peek().Is("as"))
            {
                throw cursor.Error("sort fields have no names", cursor.Peek());
            }

            SortDirection direction = cursor.TakeKeyword("desc") ? SortDirection.Descending
                : cursor.TakeKeyword("asc") ? SortDirection.Ascending : SortDirection.Ascending;
            NullOrder? nulls = null;
            if (cursor.TakeKeyword("nulls"))
            {
                nulls = cursor.TakeKeyword("first") ? NullOrder.NullsFirst
                    : cursor.TakeKeyword("last") ? NullOrder.NullsLast
                    : throw cursor.Expected("'first' or 'last' (nulls first or nulls last)", cursor.Peek());
            }

            SqlPartition.Placed(cursor, start, () => builder.Add(column.Text, transform, direction, nulls));
            return column;
        });
        cursor.ExpectEnd();
        return builder.Build();
    }
}
