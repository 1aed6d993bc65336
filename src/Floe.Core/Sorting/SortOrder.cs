using Floe.Common.Errors;

namespace Floe.Core.Sorting;

/// <summary>
/// A table's write order. Order id 0 is reserved for the unsorted order (no fields); sorted orders have ids from 1.
/// </summary>
public sealed class SortOrder : IEquatable<SortOrder>
{
    private readonly SortField[] _fields;

    public SortOrder(int orderId, IEnumerable<SortField> fields)
    {
        _fields = [.. fields];
        if (orderId == 0 && _fields.Length > 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "Sort order id 0 is reserved for the unsorted order.");
        }

        if (orderId != 0 && _fields.Length == 0)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Unsorted order must have id 0, not {orderId}.");
        }

        OrderId = orderId;
    }

    public static SortOrder Unsorted { get; } = new(0, []);

    public int OrderId { get; }

    public IReadOnlyList<SortField> Fields => _fields;

    public bool IsUnsorted => _fields.Length == 0;

    public bool IsSorted => !IsUnsorted;

    public SortOrder WithOrderId(int orderId) => new(orderId, _fields);

    /// <summary>Same fields regardless of order id.</summary>
    public bool SameOrder(SortOrder other) => _fields.AsSpan().SequenceEqual(other._fields);

    /// <summary>True when data sorted by this order is also sorted by <paramref name="other"/> (other is a prefix).</summary>
    public bool Satisfies(SortOrder other) =>
        other._fields.Length <= _fields.Length && _fields.AsSpan(0, other._fields.Length).SequenceEqual(other._fields);

    public bool Equals(SortOrder? other) => other is not null && other.OrderId == OrderId && SameOrder(other);

    public override bool Equals(object? obj) => obj is SortOrder other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(OrderId, _fields.Length);

    public override string ToString() => $"[{string.Join(", ", _fields.Select(f => f.ToString()))}]";
}
