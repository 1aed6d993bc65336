using Floe.Common.Errors;
using Floe.Core.Expressions;
using Floe.Core.Schemas;
using Floe.Sql.Grammar;
using Floe.Sql.Syntax;
using Floe.Table.RowLevel;

namespace Floe.Sql;

/// <summary>
/// Filter text such as <c>id &gt; 5 and name like 'a%'</c> (the <c>--where</c> language; <c>docs/sql-text.md</c>).
/// With a schema the filter is also bound: a missing column, a non-primitive column or a constant that cannot be a
/// value of its column's type fails here, naming its position.
/// </summary>
public static class SqlFilter
{
    /// <summary>
    /// Parses a filter into an Iceberg expression (what scans push down); a filter with arithmetic, casts or comparisons
    /// between columns fails, since only row-level deletes and updates evaluate those (<see cref="ParseCondition"/>).
    /// </summary>
    /// <param name="text">The filter.</param>
    /// <param name="schema">The schema to check the filter against, or null to check the syntax only.</param>
    /// <param name="subject">What error messages call the text, e.g. <c>--where</c>.</param>
    /// <exception cref="FloeException">The text is not a filter (kind InvalidArgument; a <see cref="SqlTextException"/> for syntax).</exception>
    public static Expression Parse(string text, Schema? schema = null, string subject = "filter")
    {
        RowPredicate condition = Read(text, schema, subject);
        Expression filter = PredicatePushdown.Exact(condition)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Invalid {subject}: \"{ErrorText.Excerpt(text)}\" uses arithmetic, casts or compares columns with each other, which a scan filter cannot express; only row-level deletes and updates ('table delete', 'table update') evaluate those.");
        if (schema is not null)
        {
            Bound(text, subject, () => Binder.Bind(schema, filter));
        }

        return filter;
    }

    /// <summary>Parses a filter into a row predicate, which row-level deletes and updates evaluate (arithmetic, casts and all).</summary>
    /// <inheritdoc cref="Parse" path="/param"/>
    /// <exception cref="FloeException">The text is not a filter (kind InvalidArgument; a <see cref="SqlTextException"/> for syntax).</exception>
    public static RowPredicate ParseCondition(string text, Schema? schema = null, string subject = "filter")
    {
        RowPredicate condition = Read(text, schema, subject);
        if (schema is not null)
        {
            Bound(text, subject, () => RowMatcher.ColumnsOf(schema, condition));
        }

        return condition;
    }

    private static RowPredicate Read(string text, Schema? schema, string subject)
    {
        var cursor = new SqlCursor(text, subject);
        RowPredicate condition = new ExpressionParser(cursor, schema).ParseCondition();
        cursor.ExpectEnd();
        return condition;
    }

    /// <summary>Runs a binder; what it refuses that the parser did not already place is reported for the whole text.</summary>
    internal static void Bound<T>(string text, string subject, Func<T> bind)
    {
        try
        {
            bind();
        }
        catch (FloeException e) when (e is not SqlTextException)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid {subject} \"{ErrorText.Excerpt(text)}\": {e.Message}", e);
        }
    }
}
