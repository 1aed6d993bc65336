using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// Parses the <c>--schema</c> text of <c>floe table create</c>: comma-separated <c>name type [not null]</c> columns,
/// where a type is an Iceberg type string (<c>decimal(9,2)</c>, <c>fixed[16]</c>) or
/// <c>struct&lt;name: type, ...&gt;</c>, <c>list&lt;type&gt;</c>, <c>map&lt;key, value&gt;</c>.
/// Field ids are assigned in order from 1; the catalog assigns fresh ids again on create.
/// </summary>
public static class SchemaText
{
    public static Schema Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int nextId = 1;
        List<NestedField> columns = ParseFields(text, ' ', ref nextId, "schema");
        if (columns.Count == 0)
        {
            throw Error("the schema has no columns");
        }

        return new Schema(columns);
    }

    private static List<NestedField> ParseFields(string text, char nameSeparator, ref int nextId, string where)
    {
        var fields = new List<NestedField>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string part in SplitTopLevel(text, ','))
        {
            string column = part.Trim();
            if (column.Length == 0)
            {
                if (text.Trim().Length == 0)
                {
                    break;
                }

                throw Error($"empty column definition in {where} '{text.Trim()}'");
            }

            int split = nameSeparator == ' ' ? column.IndexOfAny([' ', '\t']) : column.IndexOf(':', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw Error($"column '{column}' needs a name and a type");
            }

            string name = column[..split].Trim();
            string typeText = column[(split + 1)..].Trim();
            bool required = false;
            if (typeText.EndsWith("not null", StringComparison.OrdinalIgnoreCase))
            {
                required = true;
                typeText = typeText[..^"not null".Length].TrimEnd();
            }

            if (!names.Add(name))
            {
                throw Error($"column '{name}' is defined twice");
            }

            int id = nextId++;
            IcebergType type = ParseType(typeText, name, ref nextId);
            fields.Add(new NestedField(id, name, required, type));
        }

        return fields;
    }

    private static IcebergType ParseType(string text, string column, ref int nextId)
    {
        if (text.Length == 0)
        {
            throw Error($"column '{column}' has no type");
        }

        if (TryGeneric(text, "struct", out string? body))
        {
            return new StructType(ParseFields(body, ':', ref nextId, $"struct of column '{column}'"));
        }

        if (TryGeneric(text, "list", out body))
        {
            int elementId = nextId++;
            return ListType.OfOptional(elementId, ParseType(body.Trim(), column, ref nextId));
        }

        if (TryGeneric(text, "map", out body))
        {
            List<string> parts = SplitTopLevel(body, ',');
            if (parts.Count != 2)
            {
                throw Error($"map type of column '{column}' needs a key and a value type: '{text}'");
            }

            int keyId = nextId++;
            int valueId = nextId++;
            IcebergType key = ParseType(parts[0].Trim(), column, ref nextId);
            IcebergType value = ParseType(parts[1].Trim(), column, ref nextId);
            return MapType.OfOptional(keyId, key, valueId, value);
        }

        return PrimitiveType.TryParse(text, out PrimitiveType? primitive)
            ? primitive!
            : throw Error($"unknown type '{text}' for column '{column}'");
    }

    private static bool TryGeneric(string text, string keyword, out string body)
    {
        body = string.Empty;
        if (!text.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string rest = text[keyword.Length..].TrimStart();
        if (rest.Length < 2 || rest[0] != '<' || rest[^1] != '>')
        {
            return false;
        }

        body = rest[1..^1];
        return true;
    }

    /// <summary>Splits on <paramref name="separator"/> outside parentheses and angle brackets.</summary>
    private static List<string> SplitTopLevel(string text, char separator)
    {
        var parts = new List<string>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is '(' or '<' or '[')
            {
                depth++;
            }
            else if (c is ')' or '>' or ']')
            {
                depth--;
                if (depth < 0)
                {
                    throw Error($"unbalanced '{c}' at position {i + 1} of '{text}'");
                }
            }
            else if (c == separator && depth == 0)
            {
                parts.Add(text[start..i]);
                start = i + 1;
            }
        }

        if (depth != 0)
        {
            throw Error($"unclosed bracket in '{text}'");
        }

        parts.Add(text[start..]);
        return parts;
    }

    private static FloeException Error(string message) => new(FloeErrorKind.InvalidArgument, $"Invalid --schema: {message}.");
}
