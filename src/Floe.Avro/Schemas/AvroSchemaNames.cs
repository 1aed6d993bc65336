namespace Floe.Avro.Schemas;

/// <summary>Avro's type names and name rules.</summary>
internal static class AvroSchemaNames
{
    public static string TypeName(AvroTypeKind kind) => kind switch
    {
        AvroTypeKind.Null => "null",
        AvroTypeKind.Boolean => "boolean",
        AvroTypeKind.Int => "int",
        AvroTypeKind.Long => "long",
        AvroTypeKind.Float => "float",
        AvroTypeKind.Double => "double",
        AvroTypeKind.Bytes => "bytes",
        AvroTypeKind.String => "string",
        AvroTypeKind.Record => "record",
        AvroTypeKind.Enum => "enum",
        AvroTypeKind.Array => "array",
        AvroTypeKind.Map => "map",
        AvroTypeKind.Union => "union",
        AvroTypeKind.Fixed => "fixed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryGetPrimitive(string name, out AvroTypeKind kind)
    {
        kind = name switch
        {
            "null" => AvroTypeKind.Null,
            "boolean" => AvroTypeKind.Boolean,
            "int" => AvroTypeKind.Int,
            "long" => AvroTypeKind.Long,
            "float" => AvroTypeKind.Float,
            "double" => AvroTypeKind.Double,
            "bytes" => AvroTypeKind.Bytes,
            "string" => AvroTypeKind.String,
            _ => AvroTypeKind.Record,
        };
        return kind != AvroTypeKind.Record;
    }

    /// <summary>True when <paramref name="name"/> matches <c>[A-Za-z_][A-Za-z0-9_]*</c>.</summary>
    public static bool IsValidName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks a dotted namespace (empty is allowed).</summary>
    public static bool IsValidNamespace(string space)
    {
        if (space.Length == 0)
        {
            return true;
        }

        foreach (string part in space.Split('.'))
        {
            if (!IsValidName(part))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Splits a possibly dotted name into namespace and short name, defaulting to <paramref name="enclosing"/>.</summary>
    public static (string Name, string? Namespace) Split(string name, string? space, string? enclosing)
    {
        int dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            return (name[(dot + 1)..], name[..dot]);
        }

        return (name, space ?? enclosing);
    }

    public static string FullName(string name, string? space) => string.IsNullOrEmpty(space) ? name : space + "." + name;
}
