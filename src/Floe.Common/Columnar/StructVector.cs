using System.Buffers;

namespace Floe.Common.Columnar;

/// <summary>
/// A vector of structs: one child vector per field, each with a row for every struct row (a null struct has a
/// null in every child).
/// </summary>
public sealed class StructVector : ColumnVector
{
    private readonly ColumnVector[] _children;

    public StructVector(ColumnType type, int capacity = 0)
        : base(type)
    {
        if (type.Kind != ColumnKind.Struct)
        {
            throw new ArgumentException($"{type} is not a struct", nameof(type));
        }

        _children = [.. type.Children.Select(field => Create(field.Type, capacity))];
    }

    public IReadOnlyList<ColumnVector> Children => _children;

    public ColumnVector Child(int index) => _children[index];

    /// <summary>Counts one present struct row; the caller appends one value to every child.</summary>
    public void AppendStruct() => Length++;

    /// <summary>Counts <paramref name="count"/> struct rows whose child values a decoder fills.</summary>
    public void AppendRows(int count) => Length += count;

    public override void AppendNull()
    {
        foreach (ColumnVector child in _children)
        {
            child.AppendNull();
        }

        Length++;
        MarkNull(Length - 1);
    }

    public override void Reset()
    {
        base.Reset();
        foreach (ColumnVector child in _children)
        {
            child.Reset();
        }
    }

    protected override object GetValueCore(int row) => _children.Select(child => child.GetValue(row)).ToArray();

    protected override long ValueBytes => _children.Sum(c => c.AllocatedBytes);

    protected override IMemoryOwner<byte>[] DetachValueBuffers() => [];

    protected override void ReleaseBuffers()
    {
        foreach (ColumnVector child in _children)
        {
            child.Dispose();
        }
    }
}
