using Floe.Common.Errors;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;

namespace Floe.PrimaryKeys.Model;

/// <summary>
/// The key columns of a primary-key table: required, primitive, top-level columns, in key order. Stored as the
/// schema's identifier field ids and the <see cref="PrimaryKeyProperties.PrimaryKeyFields"/> property.
/// </summary>
public sealed class PrimaryKey
{
    private PrimaryKey(IReadOnlyList<NestedField> fields)
    {
        Fields = fields;
    }

    /// <summary>The key columns in key order.</summary>
    public IReadOnlyList<NestedField> Fields { get; }

    public IReadOnlyList<int> FieldIds => [.. Fields.Select(f => f.Id)];

    public IReadOnlyList<string> Names => [.. Fields.Select(f => f.Name)];

    /// <summary>The property form: names comma-joined.</summary>
    public string PropertyValue => string.Join(',', Names);

    /// <summary>Resolves key column names in a schema, rejecting what cannot be a key.</summary>
    public static PrimaryKey Of(Schema schema, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "A primary key needs at least one column.");
        }

        var fields = new List<NestedField>();
        foreach (string raw in names)
        {
            string name = raw.Trim();
            NestedField field = schema.Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal))
                ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Primary key column '{name}' is not a top-level column of the schema ({string.Join(", ", schema.Columns.Select(c => c.Name))}).");
            if (!field.Type.IsPrimitive)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Primary key column '{name}' has type {field.Type}: key columns must be primitive.");
            }

            if (!field.IsRequired)
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Primary key column '{name}' is nullable: key columns must be required (not null).");
            }

            if (fields.Any(f => f.Id == field.Id))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Primary key column '{name}' is listed twice.");
            }

            fields.Add(field);
        }

        return new PrimaryKey(fields);
    }

    /// <summary>Parses the <see cref="PrimaryKeyProperties.PrimaryKeyFields"/> value against a schema.</summary>
    public static PrimaryKey Parse(Schema schema, string propertyValue)
    {
        ArgumentNullException.ThrowIfNull(propertyValue);
        return Of(schema, propertyValue.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public override string ToString() => PropertyValue;
}
