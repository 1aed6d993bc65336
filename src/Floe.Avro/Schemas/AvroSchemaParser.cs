using System.Text.Json;
using Floe.Common.Errors;

namespace Floe.Avro.Schemas;

/// <summary>Parses Avro schema JSON into <see cref="AvroSchema"/> objects, resolving named type references.</summary>
internal sealed class AvroSchemaParser
{
    private const int MaxDepth = 256;
    private readonly Dictionary<string, NamedSchema> _named = new(StringComparer.Ordinal);
    private int _depth;

    public static AvroSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth * 2 });
        }
        catch (JsonException ex)
        {
            throw new AvroException($"schema is not valid JSON {ErrorText.JsonPosition(ex)}", ex);
        }

        using (document)
        {
            return new AvroSchemaParser().ParseNode(document.RootElement, null);
        }
    }

    private AvroSchema ParseNode(JsonElement node, string? enclosing)
    {
        if (++_depth > MaxDepth)
        {
            throw new AvroException($"schema nests deeper than {MaxDepth} levels");
        }

        try
        {
            return node.ValueKind switch
            {
                JsonValueKind.String => ParseReference(node.GetString()!, enclosing),
                JsonValueKind.Array => ParseUnion(node, enclosing),
                JsonValueKind.Object => ParseObject(node, enclosing),
                _ => throw new AvroException($"a schema must be a string, an array or an object, not {node.ValueKind}: {Snippet(node)}"),
            };
        }
        finally
        {
            _depth--;
        }
    }

    private AvroSchema ParseReference(string name, string? enclosing)
    {
        if (AvroSchemaNames.TryGetPrimitive(name, out AvroTypeKind kind))
        {
            return PrimitiveSchema.Of(kind);
        }

        if (!name.Contains('.', StringComparison.Ordinal) && enclosing is not null
            && _named.TryGetValue(AvroSchemaNames.FullName(name, enclosing), out NamedSchema? inSpace))
        {
            return inSpace;
        }

        return _named.TryGetValue(name, out NamedSchema? named)
            ? named
            : throw new AvroException($"unknown type '{ErrorText.Excerpt(name)}'" + (enclosing is null ? string.Empty : $" (in namespace '{enclosing}')"));
    }

    private UnionSchema ParseUnion(JsonElement node, string? enclosing)
    {
        var branches = new List<AvroSchema>(node.GetArrayLength());
        foreach (JsonElement branch in node.EnumerateArray())
        {
            branches.Add(ParseNode(branch, enclosing));
        }

        return new UnionSchema(branches);
    }

    private AvroSchema ParseObject(JsonElement node, string? enclosing)
    {
        if (!node.TryGetProperty("type", out JsonElement typeElement))
        {
            throw new AvroException($"schema object has no 'type': {Snippet(node)}");
        }

        if (typeElement.ValueKind != JsonValueKind.String)
        {
            // {"type": {...}} or {"type": [...]}: a wrapped schema; its attributes cannot be kept on a complex type.
            return ParseNode(typeElement, enclosing);
        }

        string type = typeElement.GetString()!;
        switch (type)
        {
            case "record":
            case "error":
                return ParseRecord(node, enclosing, type == "error");
            case "enum":
                return ParseEnum(node, enclosing);
            case "fixed":
                return ParseFixed(node, enclosing);
            case "array":
                return new ArraySchema(ParseNode(Required(node, "items", "array"), enclosing), Properties(node, "type", "items"));
            case "map":
                return new MapSchema(ParseNode(Required(node, "values", "map"), enclosing), Properties(node, "type", "values"));
            default:
                if (AvroSchemaNames.TryGetPrimitive(type, out AvroTypeKind kind))
                {
                    List<AvroProperty>? properties = Properties(node, "type");
                    return properties is null ? PrimitiveSchema.Of(kind) : new PrimitiveSchema(kind, properties);
                }

                // {"type": "SomeNamedType"}: a reference in object form.
                return ParseReference(type, enclosing);
        }
    }

    private RecordSchema ParseRecord(JsonElement node, string? enclosing, bool isError)
    {
        (string name, string? space) = NameOf(node, enclosing, "record");
        var record = new RecordSchema(name, space, null, OptionalString(node, "doc"), Aliases(node),
            Properties(node, "type", "name", "namespace", "doc", "aliases", "fields"), isError);
        Register(record);
        JsonElement fieldsElement = Required(node, "fields", "record");
        if (fieldsElement.ValueKind != JsonValueKind.Array)
        {
            throw new AvroException($"record '{record.FullName}' has 'fields' that is not an array");
        }

        var fields = new List<AvroField>(fieldsElement.GetArrayLength());
        foreach (JsonElement fieldNode in fieldsElement.EnumerateArray())
        {
            fields.Add(ParseField(fieldNode, record));
        }

        record.SetFields(fields);
        return record;
    }

    private AvroField ParseField(JsonElement node, RecordSchema record)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            throw new AvroException($"record '{record.FullName}' has a field that is not an object: {Snippet(node)}");
        }

        string name = RequiredString(node, "name", $"a field of record '{record.FullName}'");
        AvroSchema schema;
        try
        {
            schema = ParseNode(Required(node, "type", $"field '{name}'"), record.Namespace);
        }
        catch (AvroException ex) when (!ex.Message.StartsWith("field '", StringComparison.Ordinal))
        {
            throw new AvroException($"field '{record.FullName}.{name}': {ex.Message}", ex);
        }

        JsonElement? defaultValue = node.TryGetProperty("default", out JsonElement d) ? d.Clone() : null;
        string? order = OptionalString(node, "order");
        if (order is not null and not ("ascending" or "descending" or "ignore"))
        {
            throw new AvroException($"field '{record.FullName}.{name}' has an invalid order '{order}'");
        }

        return new AvroField(name, schema, defaultValue, OptionalString(node, "doc"), Aliases(node),
            Properties(node, "name", "type", "doc", "default", "order", "aliases"), order);
    }

    private EnumSchema ParseEnum(JsonElement node, string? enclosing)
    {
        (string name, string? space) = NameOf(node, enclosing, "enum");
        JsonElement symbolsElement = Required(node, "symbols", $"enum '{name}'");
        if (symbolsElement.ValueKind != JsonValueKind.Array)
        {
            throw new AvroException($"enum '{name}' has 'symbols' that is not an array");
        }

        var symbols = new List<string>(symbolsElement.GetArrayLength());
        foreach (JsonElement symbol in symbolsElement.EnumerateArray())
        {
            symbols.Add(symbol.ValueKind == JsonValueKind.String
                ? symbol.GetString()!
                : throw new AvroException($"enum '{name}' has a symbol that is not a string: {Snippet(symbol)}"));
        }

        var schema = new EnumSchema(name, symbols, space, OptionalString(node, "default"), OptionalString(node, "doc"), Aliases(node),
            Properties(node, "type", "name", "namespace", "doc", "aliases", "symbols", "default"));
        Register(schema);
        return schema;
    }

    private FixedSchema ParseFixed(JsonElement node, string? enclosing)
    {
        (string name, string? space) = NameOf(node, enclosing, "fixed");
        JsonElement sizeElement = Required(node, "size", $"fixed '{name}'");
        if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt32(out int size) || size < 0)
        {
            throw new AvroException($"fixed '{name}' has an invalid size {Snippet(sizeElement)}");
        }

        var schema = new FixedSchema(name, size, space, OptionalString(node, "doc"), Aliases(node),
            Properties(node, "type", "name", "namespace", "doc", "aliases", "size"));
        Register(schema);
        return schema;
    }

    private static (string Name, string? Namespace) NameOf(JsonElement node, string? enclosing, string what)
    {
        string name = RequiredString(node, "name", $"a {what}");
        string? space = node.TryGetProperty("namespace", out JsonElement s)
            ? s.ValueKind switch
            {
                JsonValueKind.String => s.GetString(),
                JsonValueKind.Null => null,
                _ => throw new AvroException($"{what} '{name}' has a namespace that is not a string"),
            }
            : enclosing;
        return AvroSchemaNames.Split(name, space, enclosing);
    }

    private void Register(NamedSchema schema)
    {
        if (AvroSchemaNames.TryGetPrimitive(schema.Name, out _) && schema.Namespace is null)
        {
            throw new AvroException($"a named type may not be called '{schema.Name}'");
        }

        if (!_named.TryAdd(schema.FullName, schema))
        {
            throw new AvroException($"the type '{schema.FullName}' is defined twice");
        }
    }

    private static JsonElement Required(JsonElement node, string property, string what) =>
        node.TryGetProperty(property, out JsonElement value)
            ? value
            : throw new AvroException($"{what} has no '{property}': {Snippet(node)}");

    private static string RequiredString(JsonElement node, string property, string what)
    {
        JsonElement value = Required(node, property, what);
        return value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new AvroException($"{what} has a '{property}' that is not a string: {Snippet(value)}");
    }

    private static string? OptionalString(JsonElement node, string property) =>
        node.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string>? Aliases(JsonElement node)
    {
        if (!node.TryGetProperty("aliases", out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new AvroException($"'aliases' must be an array of strings: {Snippet(value)}");
        }

        var aliases = new List<string>(value.GetArrayLength());
        foreach (JsonElement alias in value.EnumerateArray())
        {
            aliases.Add(alias.ValueKind == JsonValueKind.String
                ? alias.GetString()!
                : throw new AvroException($"an alias is not a string: {Snippet(alias)}"));
        }

        return aliases;
    }

    private static List<AvroProperty>? Properties(JsonElement node, params ReadOnlySpan<string> reserved)
    {
        List<AvroProperty>? properties = null;
        foreach (JsonProperty property in node.EnumerateObject())
        {
            if (!reserved.Contains(property.Name))
            {
                (properties ??= []).Add(new AvroProperty(property.Name, property.Value.Clone()));
            }
        }

        return properties;
    }

    private static string Snippet(JsonElement node)
    {
        string text = node.GetRawText();
        return text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
    }
}
