using Floe.Core.Types;
using Floe.Core.Values;

namespace Floe.Core.Manifests;

/// <summary>Accumulates the <see cref="PartitionFieldSummary"/> of each partition field over a manifest's files.</summary>
public sealed class PartitionSummaryBuilder
{
    private readonly PrimitiveType[] _types;
    private readonly bool[] _containsNull;
    private readonly bool[] _containsNan;
    private readonly Literal[] _lower;
    private readonly Literal[] _upper;

    /// <param name="partitionType">The spec's partition struct (<see cref="Partitioning.PartitionSpec.PartitionType"/>).</param>
    public PartitionSummaryBuilder(StructType partitionType)
    {
        ArgumentNullException.ThrowIfNull(partitionType);
        _types = [.. partitionType.Fields.Select(f => f.Type as PrimitiveType ?? PrimitiveType.Binary)];
        _containsNull = new bool[_types.Length];
        _containsNan = new bool[_types.Length];
        _lower = new Literal[_types.Length];
        _upper = new Literal[_types.Length];
    }

    public void Update(PartitionData partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ReadOnlySpan<Literal> values = partition.Values;
        int count = Math.Min(values.Length, _types.Length);
        for (int i = 0; i < count; i++)
        {
            Literal value = values[i];
            if (value.IsNull)
            {
                _containsNull[i] = true;
            }
            else if (IsNan(value))
            {
                _containsNan[i] = true;
            }
            else
            {
                if (_lower[i].IsNull || value.CompareTo(_lower[i]) < 0)
                {
                    _lower[i] = value;
                }

                if (_upper[i].IsNull || value.CompareTo(_upper[i]) > 0)
                {
                    _upper[i] = value;
                }
            }
        }
    }

    /// <summary>One summary per field in spec order; bounds are null when a field had only nulls and NaN.</summary>
    public IReadOnlyList<PartitionFieldSummary> Build()
    {
        var summaries = new PartitionFieldSummary[_types.Length];
        for (int i = 0; i < summaries.Length; i++)
        {
            summaries[i] = new PartitionFieldSummary
            {
                ContainsNull = _containsNull[i],
                ContainsNan = _containsNan[i],
                LowerBound = _lower[i].IsNull ? null : SingleValueBinary.ToBytes(Widen(_lower[i], _types[i])),
                UpperBound = _upper[i].IsNull ? null : SingleValueBinary.ToBytes(Widen(_upper[i], _types[i])),
            };
        }

        return summaries;
    }

    private static bool IsNan(Literal value) =>
        (value.TypeId == TypeId.Float && float.IsNaN(value.AsFloat())) || (value.TypeId == TypeId.Double && double.IsNaN(value.AsDouble()));

    // Bounds use the field's type: an int value of a long field is stored in 8 bytes.
    private static Literal Widen(Literal value, PrimitiveType type) => (value.TypeId, type.TypeId) switch
    {
        (TypeId.Int, TypeId.Long) => Literal.Of(value.AsLong()),
        (TypeId.Float, TypeId.Double) => Literal.Of(value.AsDouble()),
        _ => value,
    };
}
