using Floe.Core.Schemas;
using Floe.Core.Transforms;
using Floe.Sql.Syntax;

namespace Floe.Sql.Grammar;

/// <summary>
/// A transform term: a column, or <c>identity|year|month|day|hour|void(column)</c> (Spark's plurals <c>years</c>,
/// <c>months</c>, <c>days</c>, <c>hours</c> too) or <c>bucket|truncate(N, column)</c> (the number may come first or
/// second). Column names may be quoted.
/// </summary>
internal static class TransformParser
{
    private static readonly Dictionary<string, Transform> s_unary = new(StringComparer.OrdinalIgnoreCase)
    {
        ["identity"] = Transform.Identity,
        ["year"] = Transform.Year,
        ["years"] = Transform.Year,
        ["month"] = Transform.Month,
        ["months"] = Transform.Month,
        ["day"] = Transform.Day,
        ["days"] = Transform.Day,
        ["date"] = Transform.Day,
        ["hour"] = Transform.Hour,
        ["hours"] = Transform.Hour,
        ["date_hour"] = Transform.Hour,
        ["void"] = Transform.Void,
        ["alwaysnull"] = Transform.Void,
    };

    /// <summary>Reads a term (without a name); with a schema, its column must exist.</summary>
    public static (SqlToken Column, Transform Transform) Parse(SqlCursor cursor, Schema? schema, string what)
    {
        SqlToken first = cursor.Peek();
        if (!first.IsName)
        {
            throw cursor.Expected(what, first);
        }

        if (!cursor.Peek(1).IsSymbol("(") || first.Kind == SqlTokenKind.QuotedIdentifier)
        {
            cursor.Next();
            return (CheckColumn(cursor, schema, first), Transform.Identity);
        }

        cursor.Next();
        cursor.Next();
        (SqlToken Column, Transform Transform) result;
        if (first.Is("bucket") || first.Is("truncate"))
        {
            string function = first.Text.ToLowerInvariant();
            SqlToken numberToken = cursor.Peek();
            SqlToken column;
            int number;
            if (numberToken.Kind == SqlTokenKind.Number)
            {
                number = cursor.ExpectInt($"the {Parameter(function)}");
                ExpectComma(cursor, function);
                column = cursor.ExpectName($"a column ({function} takes one number and one column)");
            }
            else
            {
                column = cursor.ExpectName($"a number and a column for {function}");
                ExpectComma(cursor, function);
                numberToken = cursor.Peek();
                number = cursor.ExpectInt($"the {Parameter(function)} ({function} takes one number and one column)");
            }

            if (number < 1)
            {
                throw cursor.Error($"the {Parameter(function)} must be at least 1", numberToken);
            }

            result = (column, function == "bucket" ? Transform.Bucket(number) : Transform.Truncate(number));
        }
        else if (s_unary.TryGetValue(first.Text, out Transform? transform))
        {
            result = (cursor.ExpectName($"a column for {first.Text.ToLowerInvariant()}"), transform);
        }
        else
        {
            throw cursor.Error($"unknown transform '{first.Text}' (expected identity, year, month, day, hour, void, bucket or truncate)", first);
        }

        cursor.ExpectSymbol(")");
        CheckColumn(cursor, schema, result.Column);
        return result;
    }

    private static string Parameter(string function) => function == "bucket" ? "bucket count" : "truncate width";

    private static void ExpectComma(SqlCursor cursor, string function)
    {
        if (!cursor.TakeSymbol(","))
        {
            throw cursor.Expected($"',': {function} takes a number and a column", cursor.Peek());
        }
    }

    private static SqlToken CheckColumn(SqlCursor cursor, Schema? schema, SqlToken column) =>
        schema is null || schema.FindField(column.Text) is not null ? column : throw cursor.Error($"unknown column '{column.Text}'", column);
}
