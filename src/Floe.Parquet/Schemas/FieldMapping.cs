using Floe.Common.Columnar;

namespace Floe.Parquet.Schemas;

/// <summary>The shape of a mapped field: how its vector is assembled from levels.</summary>
internal enum FieldShape
{
    Primitive,
    Struct,
    List,
    Map,
}

/// <summary>
/// A columnar field mapped from the schema tree, with the levels that drive record assembly. In the level stream of
/// any leaf below it, entry <c>i</c> starts one of this field's values ("slots") when
/// <c>rep[i] &lt;= SlotRepetition &amp;&amp; def[i] &gt;= SlotDefinition</c>, and that value is non-null when
/// <c>def[i] &gt;= PresentDefinition</c>.
/// </summary>
internal sealed class FieldMapping
{
    public required ColumnField Field { get; init; }

    public required FieldShape Shape { get; init; }

    /// <summary>The schema node the field was mapped from.</summary>
    public required SchemaNode Node { get; init; }

    public required int SlotRepetition { get; init; }

    public required int SlotDefinition { get; init; }

    public required int PresentDefinition { get; init; }

    /// <summary>Struct fields; the element of a list; the key and value of a map.</summary>
    public IReadOnlyList<FieldMapping> Children { get; init; } = [];

    /// <summary>The leaf column of a primitive field.</summary>
    public ColumnDescriptor? Leaf { get; init; }

    /// <summary>The first leaf below the field, whose levels give the field's structure.</summary>
    public ColumnDescriptor FirstLeaf => Leaf ?? Children[0].FirstLeaf;

    /// <summary>Every leaf below the field, in schema order.</summary>
    public IEnumerable<ColumnDescriptor> Leaves => Leaf is not null ? [Leaf] : Children.SelectMany(child => child.Leaves);
}
