using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Schemas;

/// <summary>A mutable copy of one field of a schema, used while <see cref="UpdateSchema"/> applies changes.</summary>
internal sealed class SchemaNode
{
    public required int Id { get; init; }

    public required string Name { get; set; }

    public bool IsRequired { get; set; }

    public string? Doc { get; set; }

    public Literal? InitialDefault { get; set; }

    public Literal? WriteDefault { get; set; }

    /// <summary>The type of a primitive field (nested fields rebuild theirs from the child nodes).</summary>
    public PrimitiveType? Primitive { get; set; }

    public TypeId Kind { get; set; }

    public List<SchemaNode>? Fields { get; set; }

    public SchemaNode? Element { get; set; }

    public SchemaNode? Key { get; set; }

    public SchemaNode? Value { get; set; }

    public SchemaNode? Parent { get; set; }

    public bool IsDeleted { get; set; }

    /// <summary>True for a list element, map key or map value, which live in a container rather than a struct.</summary>
    public bool IsContainerChild => Parent is { Kind: TypeId.List or TypeId.Map };

    public static SchemaNode Root(StructType root)
    {
        var node = new SchemaNode { Id = -1, Name = "", IsRequired = true, Kind = TypeId.Struct };
        node.Fields = [.. root.Fields.Select(f => From(f, node))];
        return node;
    }

    public static SchemaNode From(NestedField field, SchemaNode? parent)
    {
        var node = new SchemaNode
        {
            Id = field.Id,
            Name = field.Name,
            IsRequired = field.IsRequired,
            Doc = field.Doc,
            InitialDefault = field.InitialDefault,
            WriteDefault = field.WriteDefault,
            Kind = field.Type.TypeId,
            Parent = parent,
        };
        switch (field.Type)
        {
            case PrimitiveType p:
                node.Primitive = p;
                break;
            case StructType s:
                node.Fields = [.. s.Fields.Select(f => From(f, node))];
                break;
            case ListType l:
                node.Element = From(l.ElementField, node);
                break;
            case MapType m:
                node.Key = From(m.KeyField, node);
                node.Value = From(m.ValueField, node);
                break;
        }

        return node;
    }

    /// <summary>The struct that holds new children of this field: itself, a list's element struct or a map's value struct.</summary>
    public SchemaNode StructTarget() => Kind switch
    {
        TypeId.List => Element!.StructTarget(),
        TypeId.Map => Value!.StructTarget(),
        _ => this,
    };

    public IEnumerable<SchemaNode> Children() => Kind switch
    {
        TypeId.Struct => Fields!,
        TypeId.List => [Element!],
        TypeId.Map => [Key!, Value!],
        _ => [],
    };

    public IcebergType BuildType() => Kind switch
    {
        TypeId.Struct => new StructType(Fields!.Where(f => !f.IsDeleted).Select(f => f.BuildField())),
        TypeId.List => new ListType(Element!.Id, Element.BuildType(), Element.IsRequired),
        TypeId.Map => new MapType(Key!.Id, Key.BuildType(), Value!.Id, Value.BuildType(), Value.IsRequired),
        _ => Primitive!,
    };

    public NestedField BuildField() => new(Id, Name, IsRequired, BuildType(), Doc, InitialDefault, WriteDefault);
}
