using Floe.Common.Collections;

namespace Floe.Table.Scanning.Execution;

/// <summary>The encoded keys of an equality delete file, held without an object per key.</summary>
internal sealed class EqualityKeySet
{
    private readonly ByteKeyIndex _keys = new("Equality delete keys exceed 2 GiB in one scan task.");

    /// <summary>Distinct keys held.</summary>
    public int Count => _keys.Count;

    /// <summary>Adds a key; returns false when it was already present.</summary>
    public bool Add(ReadOnlySpan<byte> key)
    {
        _keys.GetOrAdd(key, out bool added);
        return added;
    }

    public bool Contains(ReadOnlySpan<byte> key) => _keys.Contains(key);
}
