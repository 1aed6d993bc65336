using System.Text.Json;

namespace Floe.Avro.Schemas;

/// <summary>A field of a record: name, schema, optional default (kept as JSON), aliases and attributes.</summary>
public sealed class AvroField
{
    public AvroField(string name, AvroSchema schema, JsonElement? defaultValue = null, string? doc = null,
        IReadOnlyList<string>? aliases = null, IReadOnlyList<AvroProperty>? properties = null, string? order = null)
    {
        if (!AvroSchemaNames.IsValidName(name))
        {
            throw new AvroException($"invalid Avro field name '{name}'");
        }

        Name = name;
        Schema = schema;
        DefaultValue = defaultValue;
        Doc = doc;
        Aliases = aliases ?? [];
        Properties = properties ?? [];
        Order = order;
    }

    public string Name { get; }

    public AvroSchema Schema { get; }

    /// <summary>The default value as JSON (Avro's JSON encoding of the field's type), or null when there is none.</summary>
    public JsonElement? DefaultValue { get; }

    public bool HasDefault => DefaultValue is not null;

    public string? Doc { get; }

    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Attributes beyond Avro's structure (Iceberg's <c>field-id</c>, ...), in order.</summary>
    public IReadOnlyList<AvroProperty> Properties { get; }

    /// <summary>The sort order as written (<c>ascending</c>, <c>descending</c>, <c>ignore</c>), or null.</summary>
    public string? Order { get; }

    /// <summary>The position in the record.</summary>
    public int Position { get; internal set; }

    /// <summary>Iceberg's <c>field-id</c> attribute, when present.</summary>
    public int? FieldId => AvroProperties.GetInt64(Properties, "field-id") is long id and >= int.MinValue and <= int.MaxValue ? (int)id : null;

    /// <summary>True when <paramref name="name"/> is this field's name or one of its aliases.</summary>
    public bool MatchesName(string name) => Name == name || Aliases.Contains(name);

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Schema.DisplayName}";
}
