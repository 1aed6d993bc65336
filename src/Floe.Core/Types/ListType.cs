namespace Floe.Core.Types;

/// <summary>A list whose element is a field with its own id (named <c>element</c>).</summary>
public sealed class ListType : IcebergType
{
    public ListType(int elementId, IcebergType elementType, bool isElementRequired)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        ElementField = new NestedField(elementId, "element", isElementRequired, elementType);
    }

    public static ListType OfRequired(int elementId, IcebergType elementType) => new(elementId, elementType, true);

    public static ListType OfOptional(int elementId, IcebergType elementType) => new(elementId, elementType, false);

    public override TypeId TypeId => TypeId.List;

    public NestedField ElementField { get; }

    public int ElementId => ElementField.Id;

    public IcebergType ElementType => ElementField.Type;

    public bool IsElementRequired => ElementField.IsRequired;

    public override IReadOnlyList<NestedField> ChildFields => [ElementField];

    public override bool Equals(IcebergType? other) => other is ListType l && l.ElementField.Equals(ElementField);

    public override int GetHashCode() => HashCode.Combine(TypeId.List, ElementField);

    public override string ToString() => $"list<{ElementType}>";
}
