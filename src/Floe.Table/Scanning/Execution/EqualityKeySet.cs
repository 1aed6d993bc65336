using System.Buffers.Binary;
using Floe.Common.Collections;

namespace Floe.Table.Scanning.Execution;

/// <summary>
/// The keys of an equality delete file, held without an object per key: encoded keys (<see cref="RowKeyEncoder"/>)
/// in a byte-key index, or, for a single integer field (an id, a date, a timestamp), the values themselves, so a row
/// is matched by its value without being encoded and hashed as bytes.
/// </summary>
internal sealed class EqualityKeySet
{
    private readonly ByteKeyIndex? _keys;
    private readonly HashSet<long>? _integers;
    private bool _hasNull;

    private EqualityKeySet(ByteKeyIndex? keys, HashSet<long>? integers)
    {
        _keys = keys;
        _integers = integers;
    }

    /// <summary>A set of encoded keys of any fields.</summary>
    public static EqualityKeySet ForEncodedKeys() => new(new ByteKeyIndex("Equality delete keys exceed 2 GiB in one scan task."), null);

    /// <summary>A set of the values of one integer field (int or long vectors).</summary>
    public static EqualityKeySet ForIntegers() => new(null, []);

    /// <summary>Whether the keys are the values of one integer field (<see cref="ContainsInteger"/> answers).</summary>
    public bool IsIntegers => _integers is not null;

    /// <summary>Distinct keys held.</summary>
    public int Count => _keys?.Count ?? (_integers!.Count + (_hasNull ? 1 : 0));

    /// <summary>Whether the null key is held (an integer set).</summary>
    public bool ContainsNull => _hasNull;

    /// <summary>Adds an encoded key; returns false when it was already present.</summary>
    public bool Add(ReadOnlySpan<byte> key)
    {
        if (_keys is null)
        {
            throw new InvalidOperationException("an integer key set takes values, not encoded keys");
        }

        _keys.GetOrAdd(key, out bool added);
        return added;
    }

    /// <summary>Adds an integer value, or the null key; returns false when it was already present.</summary>
    public bool AddInteger(long? value)
    {
        if (_integers is null)
        {
            throw new InvalidOperationException("an encoded key set takes encoded keys, not values");
        }

        if (value is long present)
        {
            return _integers.Add(present);
        }

        bool added = !_hasNull;
        _hasNull = true;
        return added;
    }

    /// <summary>Whether the set holds <paramref name="value"/> (an integer set).</summary>
    public bool ContainsInteger(long value) => _integers!.Contains(value);

    /// <summary>Whether the set holds the encoded key (either kind of set: an integer set reads the value back from the key).</summary>
    public bool Contains(ReadOnlySpan<byte> key)
    {
        if (_keys is not null)
        {
            return _keys.Contains(key);
        }

        return key switch
        {
            [0] => _hasNull,
            [1, .. var bytes] when bytes.Length == sizeof(long) => _integers!.Contains(BinaryPrimitives.ReadInt64LittleEndian(bytes)),
            [1, .. var bytes] when bytes.Length == sizeof(int) => _integers!.Contains(BinaryPrimitives.ReadInt32LittleEndian(bytes)),
            _ => false,
        };
    }
}
