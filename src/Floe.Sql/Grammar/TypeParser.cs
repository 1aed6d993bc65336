using Floe.Core.Types;
using Floe.Sql.Syntax;

namespace Floe.Sql.Grammar;

/// <summary>
/// Type names: Iceberg's primitives (<c>int</c>, <c>decimal(9, 2)</c>, <c>fixed[16]</c>, <c>timestamptz</c> ...), the SQL
/// aliases <c>integer</c>, <c>bigint</c>, <c>real</c>, <c>varchar</c> and <c>text</c>, and the nested
/// <c>struct&lt;name: type [not null], ...&gt;</c>, <c>list&lt;type&gt;</c> and <c>map&lt;key, value&gt;</c>.
/// </summary>
internal static class TypeParser
{
    private static readonly Dictionary<string, string> s_aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["integer"] = "int",
        ["bigint"] = "long",
        ["real"] = "float",
        ["varchar"] = "string",
        ["text"] = "string",
    };

    public static PrimitiveType ParsePrimitive(SqlCursor cursor)
    {
        SqlToken name = cursor.Peek();
        if (name.Kind != SqlTokenKind.Identifier)
        {
            throw cursor.Expected("a type name", name);
        }

        cursor.Next();
        string text = s_aliases.TryGetValue(name.Text, out string? alias) ? alias : name.Text.ToLowerInvariant();
        if (text == "decimal")
        {
            cursor.ExpectSymbol("(");
            SqlToken at = cursor.Peek();
            int precision = cursor.ExpectInt("a decimal precision");
            cursor.ExpectSymbol(",");
            int scale = cursor.ExpectInt("a decimal scale");
            cursor.ExpectSymbol(")");
            return precision is >= 1 and <= PrimitiveType.MaxDecimalPrecision && scale <= precision
                ? PrimitiveType.Decimal(precision, scale)
                : throw cursor.Error($"decimal({precision}, {scale}) needs 1 <= precision <= {PrimitiveType.MaxDecimalPrecision} and 0 <= scale <= precision", at);
        }

        if (text == "fixed")
        {
            cursor.ExpectSymbol("[");
            SqlToken at = cursor.Peek();
            int length = cursor.ExpectInt("a fixed length");
            cursor.ExpectSymbol("]");
            return length >= 1 ? PrimitiveType.Fixed(length) : throw cursor.Error("fixed[L] needs a length of at least 1", at);
        }

        return PrimitiveType.TryParse(text, out PrimitiveType? type) ? type! : throw cursor.Error($"unknown type '{name.Text}'", name);
    }

    /// <summary>Any type; nested fields, list elements and map keys and values take ids from <paramref name="ids"/> in order.</summary>
    public static IcebergType ParseType(SqlCursor cursor, FieldIds ids)
    {
        SqlToken name = cursor.Peek();
        if (name.Is("struct") && cursor.Peek(1).IsSymbol("<"))
        {
            cursor.Next();
            cursor.Next();
            List<NestedField> fields = ParseFields(cursor, ids, ":", "a struct field name");
            ExpectClose(cursor, name);
            return new StructType(fields);
        }

        if (name.Is("list") && cursor.Peek(1).IsSymbol("<"))
        {
            cursor.Next();
            cursor.Next();
            int elementId = ids.Next();
            IcebergType element = ParseType(cursor, ids);
            ExpectClose(cursor, name);
            return ListType.OfOptional(elementId, element);
        }

        if (name.Is("map") && cursor.Peek(1).IsSymbol("<"))
        {
            cursor.Next();
            cursor.Next();
            int keyId = ids.Next();
            int valueId = ids.Next();
            IcebergType key = ParseType(cursor, ids);
            if (!cursor.TakeSymbol(","))
            {
                throw cursor.Expected("',' and the map's value type", cursor.Peek());
            }

            IcebergType value = ParseType(cursor, ids);
            ExpectClose(cursor, name);
            return MapType.OfOptional(keyId, key, valueId, value);
        }

        return ParsePrimitive(cursor);
    }

    /// <summary><c>name SEPARATOR type [not null], ...</c>: columns of a schema (separator none) or fields of a struct (<c>:</c>).</summary>
    public static List<NestedField> ParseFields(SqlCursor cursor, FieldIds ids, string? separator, string what)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        return cursor.CommaList(() =>
        {
            SqlToken name = cursor.ExpectName(what);
            if (!names.Add(name.Text))
            {
                throw cursor.Error($"column '{name.Text}' is defined twice", name);
            }

            if (separator is not null)
            {
                cursor.ExpectSymbol(separator);
            }
            else if (cursor.Peek().Kind is SqlTokenKind.End || cursor.Peek().IsSymbol(","))
            {
                throw cursor.Expected($"a type for column '{name.Text}'", cursor.Peek());
            }

            int id = ids.Next();
            IcebergType type = ParseType(cursor, ids);
            bool required = false;
            if (cursor.TakeKeyword("not"))
            {
                cursor.ExpectKeyword("null", "after 'not'");
                required = true;
            }

            return new NestedField(id, name.Text, required, type);
        });
    }

    private static void ExpectClose(SqlCursor cursor, SqlToken open)
    {
        if (!cursor.TakeSymbol(">"))
        {
            throw cursor.Expected($"'>' to close the {open.Text.ToLowerInvariant()}< at position {open.Position + 1}", cursor.Peek());
        }
    }
}

/// <summary>Field ids handed out in the order fields are read, from 1.</summary>
internal sealed class FieldIds
{
    private int _next = 1;

    public int Next() => _next++;
}
