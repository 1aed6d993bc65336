using Floe.Common.Errors;
using Floe.Core.Types;

namespace Floe.Core.Schemas;

/// <summary>
/// A table schema: a struct of columns, a schema id and the identifier (row key) field ids.
/// Field ids must be unique across all nested fields; identifier fields are validated on construction.
/// </summary>
public sealed class Schema
{
    private readonly int[] _identifierFieldIds;
    private readonly SchemaIndex _index;

    public Schema(IEnumerable<NestedField> columns, int schemaId = 0, IEnumerable<int>? identifierFieldIds = null)
        : this(new StructType(columns), schemaId, identifierFieldIds)
    {
    }

    public Schema(StructType structType, int schemaId = 0, IEnumerable<int>? identifierFieldIds = null)
    {
        ArgumentNullException.ThrowIfNull(structType);
        AsStruct = structType;
        SchemaId = schemaId;
        _index = new SchemaIndex(structType);
        _identifierFieldIds = identifierFieldIds is null ? [] : [.. identifierFieldIds.Distinct()];
        foreach (int id in _identifierFieldIds)
        {
            IdentifierFieldRules.Validate(id, _index);
        }
    }

    public int SchemaId { get; }

    /// <summary>The root struct.</summary>
    public StructType AsStruct { get; }

    /// <summary>The top-level columns.</summary>
    public IReadOnlyList<NestedField> Columns => AsStruct.Fields;

    public IReadOnlyList<int> IdentifierFieldIds => _identifierFieldIds;

    /// <summary>Full dotted names of the identifier fields.</summary>
    public IReadOnlyList<string> IdentifierFieldNames => [.. _identifierFieldIds.Select(id => _index.Name(id)!)];

    /// <summary>The highest field id used anywhere in this schema (0 when empty).</summary>
    public int HighestFieldId => _index.HighestFieldId;

    /// <summary>Every field (nested ones included) by id.</summary>
    public IReadOnlyDictionary<int, NestedField> FieldsById => _index.ById;

    public NestedField? FindField(int id) => _index.Field(id);

    /// <summary>
    /// A field by dotted name (<c>location.lat</c>); list elements and map values are reachable both as
    /// <c>points.element.x</c> and <c>points.x</c>.
    /// </summary>
    public NestedField? FindField(string name, bool caseSensitive = true) =>
        _index.Id(name, caseSensitive) is int id ? _index.Field(id) : null;

    /// <summary>Like <see cref="FindField(string, bool)"/> but throws a NotFound error naming the column.</summary>
    public NestedField GetField(string name, bool caseSensitive = true) => FindField(name, caseSensitive)
        ?? throw new FloeException(FloeErrorKind.NotFound, $"Cannot find column '{name}' in schema {SchemaId}.");

    public NestedField GetField(int id) => FindField(id)
        ?? throw new FloeException(FloeErrorKind.NotFound, $"Cannot find field id {id} in schema {SchemaId}.");

    public IcebergType? FindType(int id) => FindField(id)?.Type;

    /// <summary>The full dotted name of a field id, or null.</summary>
    public string? FindColumnName(int id) => _index.Name(id);

    /// <summary>The id of the field directly containing <paramref name="id"/>, or null for a top-level column.</summary>
    public int? FindParentId(int id) => _index.ParentId(id);

    public Schema WithSchemaId(int schemaId) => new(AsStruct, schemaId, _identifierFieldIds);

    /// <summary>Same columns and identifier fields, ignoring the schema id.</summary>
    public bool SameSchema(Schema other) =>
        AsStruct.Equals(other.AsStruct) && _identifierFieldIds.Order().SequenceEqual(other._identifierFieldIds.Order());

    public override string ToString() =>
        $"table {{\n  {string.Join("\n  ", Columns.Select(c => c.ToString()))}\n}}";
}
