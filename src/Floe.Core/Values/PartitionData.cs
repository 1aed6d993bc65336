using Floe.Common.Errors;

namespace Floe.Core.Values;

/// <summary>
/// A partition tuple: one value per partition field, in spec order. Compares by value so it can key dictionaries
/// (floating-point values compare by canonical bits, as partition equality requires).
/// </summary>
public sealed class PartitionData : IEquatable<PartitionData>
{
    private readonly Literal[] _values;

    public PartitionData(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        _values = new Literal[size];
    }

    private PartitionData(Literal[] values) => _values = values;

    /// <summary>The empty tuple of an unpartitioned spec.</summary>
    public static PartitionData Empty { get; } = new(0);

    public static PartitionData Of(params ReadOnlySpan<Literal> values) => new(values.ToArray());

    public int Size => _values.Length;

    public ReadOnlySpan<Literal> Values => _values;

    public Literal this[int index]
    {
        get => (uint)index < (uint)_values.Length ? _values[index] : throw OutOfRange(index);
        set
        {
            if ((uint)index >= (uint)_values.Length)
            {
                throw OutOfRange(index);
            }

            _values[index] = value;
        }
    }

    public PartitionData Copy() => new((Literal[])_values.Clone());

    public bool Equals(PartitionData? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => obj is PartitionData other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"({string.Join(", ", _values.Select(v => v.ToString()))})";

    private FloeException OutOfRange(int index) =>
        new(FloeErrorKind.InvalidArgument, $"Partition position {index} is outside a tuple of {_values.Length} values.");
}
