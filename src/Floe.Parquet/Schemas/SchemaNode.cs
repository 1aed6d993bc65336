using Floe.Parquet.Metadata;

namespace Floe.Parquet.Schemas;

/// <summary>
/// A node of the Parquet schema tree: a group (with <see cref="Children"/>) or a leaf column (with
/// <see cref="Column"/>). Levels are the maximum definition and repetition levels reached at this node.
/// </summary>
public sealed class SchemaNode
{
    private readonly List<SchemaNode> _children = [];

    internal SchemaNode(SchemaElement element, SchemaNode? parent)
    {
        Element = element;
        Parent = parent;
        Repetition = parent is null ? FieldRepetitionType.Required : element.RepetitionType ?? FieldRepetitionType.Optional;
        int parentDefinition = parent?.DefinitionLevel ?? 0;
        int parentRepetition = parent?.RepetitionLevel ?? 0;
        DefinitionLevel = parentDefinition + (Repetition == FieldRepetitionType.Required ? 0 : 1);
        RepetitionLevel = parentRepetition + (Repetition == FieldRepetitionType.Repeated ? 1 : 0);
        Path = parent is null ? [] : [.. parent.Path, element.Name];
    }

    /// <summary>The Thrift element this node was built from.</summary>
    public SchemaElement Element { get; }

    public SchemaNode? Parent { get; }

    public string Name => Element.Name;

    /// <summary>The node's repetition; the root counts as required.</summary>
    public FieldRepetitionType Repetition { get; }

    public PhysicalType? PhysicalType => Element.Type;

    public LogicalType? LogicalType => Element.LogicalType;

    public ConvertedType? ConvertedType => Element.ConvertedType;

    public int? FieldId => Element.FieldId;

    public int DefinitionLevel { get; }

    public int RepetitionLevel { get; }

    /// <summary>Names from the root (excluded) to this node.</summary>
    public IReadOnlyList<string> Path { get; }

    public IReadOnlyList<SchemaNode> Children => _children;

    /// <summary>
    /// True for a leaf column: an element with a physical type and no children (some writers set num_children to
    /// 0 on leaves). The root and groups are not leaves even when empty.
    /// </summary>
    public bool IsLeaf => Parent is not null && IsLeafElement(Element);

    internal static bool IsLeafElement(SchemaElement element) =>
        element.NumChildren is null || (element.NumChildren == 0 && element.Type is not null);

    /// <summary>The leaf's column descriptor; null for groups.</summary>
    public ColumnDescriptor? Column { get; internal set; }

    /// <summary>True when the node is annotated as a list (LogicalType LIST or ConvertedType LIST).</summary>
    public bool IsListAnnotated => LogicalType is ListType || ConvertedType == Metadata.ConvertedType.List;

    /// <summary>True when the node is annotated as a map (LogicalType MAP or ConvertedType MAP / MAP_KEY_VALUE).</summary>
    public bool IsMapAnnotated =>
        LogicalType is MapType || ConvertedType is Metadata.ConvertedType.Map or Metadata.ConvertedType.MapKeyValue;

    internal void AddChild(SchemaNode child) => _children.Add(child);

    public override string ToString() => Path.Count == 0 ? Name : string.Join('.', Path);
}
