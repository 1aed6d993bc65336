using System.Collections;

namespace Floe.Avro.Generic;

/// <summary>
/// The generic datum model: null, <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>, <see cref="float"/>,
/// <see cref="double"/>, <c>byte[]</c> (bytes), <see cref="string"/>, <see cref="AvroRecord"/>,
/// <see cref="AvroEnumValue"/>, <see cref="List{T}"/> of values (array), <see cref="Dictionary{TKey,TValue}"/> from
/// string (map) and <see cref="AvroFixed"/>. Logical types keep their underlying value (see <see cref="AvroLogicalValues"/>).
/// </summary>
public static class AvroDatum
{
    /// <summary>Deep equality of two datums (byte arrays by content, floating point NaN equal to NaN).</summary>
    public static bool ValuesEqual(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        switch (a)
        {
            case byte[] x when b is byte[] y:
                return x.AsSpan().SequenceEqual(y);
            case float x when b is float y:
                return x.Equals(y);
            case double x when b is double y:
                return x.Equals(y);
            case object?[] x when b is object?[] y:
                return SequenceEqual(x, y);
            case IDictionary x when b is IDictionary y:
                if (x.Count != y.Count)
                {
                    return false;
                }

                foreach (DictionaryEntry entry in x)
                {
                    if (!y.Contains(entry.Key) || !ValuesEqual(entry.Value, y[entry.Key]))
                    {
                        return false;
                    }
                }

                return true;
            case IList x when b is IList y:
                return SequenceEqual(x, y);
            default:
                return a.Equals(b);
        }
    }

    private static bool SequenceEqual(IList x, IList y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }

        for (int i = 0; i < x.Count; i++)
        {
            if (!ValuesEqual(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A copy that shares no mutable part with <paramref name="value"/>.</summary>
    public static object? DeepCopy(object? value) => value switch
    {
        byte[] bytes => bytes.ToArray(),
        AvroRecord record => new AvroRecord(record.Schema, [.. record.Values.Select(DeepCopy)]),
        AvroFixed fixedValue => new AvroFixed(fixedValue.Schema, fixedValue.Value.ToArray()),
        Dictionary<string, object?> map => map.ToDictionary(pair => pair.Key, pair => DeepCopy(pair.Value), StringComparer.Ordinal),
        List<object?> list => list.Select(DeepCopy).ToList(),
        _ => value,
    };

    /// <summary>A one-line JSON-like rendering for messages and debugging.</summary>
    public static string ToDisplayString(object? value) => AvroJsonWriter.ToJson(value, null, new AvroJsonOptions());
}
