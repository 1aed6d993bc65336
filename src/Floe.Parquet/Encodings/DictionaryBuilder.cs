using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Floe.Parquet.Encodings;

/// <summary>
/// Builds a Parquet dictionary for fixed-width values (INT32, INT64, FLOAT, DOUBLE, or a 12-byte INT96 holder):
/// <see cref="GetOrAddRange"/> turns values into dictionary indices, <see cref="PlainEncodedSize"/> tells the writer
/// when to fall back to PLAIN, and <see cref="EncodeDictionaryPage"/> writes the dictionary page body.
/// Values are compared bit for bit (so -0.0 and 0.0, and distinct NaN payloads, are distinct entries).
/// Storage is pooled and the hash table is open addressing over the values themselves: no object per value.
/// </summary>
public sealed class DictionaryBuilder<T> : IDisposable
    where T : unmanaged
{
    private T[] _values;
    private int[] _slots; // 0 = empty, otherwise index + 1
    private T[] _slotKeys; // the value of each occupied slot, so a probe needs no second lookup
    private int _count;
    private int _mask;
    private int _shift;

    /// <summary>Creates an empty builder.</summary>
    public DictionaryBuilder(int initialCapacity = 256)
    {
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(initialCapacity, 16));
        _values = ArrayPool<T>.Shared.Rent(capacity);
        _slotKeys = [];
        _slots = [];
        AllocateTable(capacity * 4);
    }

    /// <summary>Number of distinct values.</summary>
    public int Count => _count;

    /// <summary>The distinct values in index order.</summary>
    public ReadOnlySpan<T> Values => new(_values, 0, _count);

    /// <summary>Size in bytes of the PLAIN dictionary page body.</summary>
    public long PlainEncodedSize => (long)_count * Unsafe.SizeOf<T>();

    /// <summary>Returns the index of <paramref name="value"/>, adding it when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int GetOrAdd(T value)
    {
        int[] slots = _slots;
        T[] keys = _slotKeys;
        ObjectDisposedException.ThrowIf(slots.Length == 0, this);
        int slot = Slot(value);
        while (true)
        {
            int entry = slots[slot];
            if (entry == 0)
            {
                return Insert(value, slot);
            }

            if (BitEquals(keys[slot], value))
            {
                return entry - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Writes the dictionary index of each value to <paramref name="indices"/>, adding new values.</summary>
    public void GetOrAddRange(ReadOnlySpan<T> values, Span<int> indices)
    {
        if (indices.Length < values.Length)
        {
            throw new ArgumentException($"indices holds {indices.Length} entries; {values.Length} are needed.", nameof(indices));
        }

        if (values.Length > 1 && IsConstant(values))
        {
            // One value throughout (a column filled with a constant): one probe, no per-value loop.
            indices[..values.Length].Fill(GetOrAdd(values[0]));
            return;
        }

        int countBefore = _count;
        for (int i = 0; i < values.Length; i++)
        {
            if (i == DictionarySample.Size && values.Length >= 2 * DictionarySample.Size)
            {
                Reserve(DictionarySample.Expected(countBefore, _count, i, values.Length));
            }

            // A value equal to the one before it (a run, or a column holding one value) takes its index without a probe.
            indices[i] = i > 0 && BitEquals(values[i], values[i - 1]) ? indices[i - 1] : GetOrAdd(values[i]);
        }
    }

    /// <summary>Appends the PLAIN dictionary page body; returns the bytes written.</summary>
    public int EncodeDictionaryPage(PooledBuffer output) => PlainEncoder.EncodeFixed(Values, output);

    /// <summary>Forgets all values and keeps the storage.</summary>
    public void Clear()
    {
        _count = 0;
        _slots.AsSpan(0, Math.Min(_mask + 1, _slots.Length)).Clear();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_values.Length > 0)
        {
            ArrayPool<T>.Shared.Return(_values);
            ArrayPool<int>.Shared.Return(_slots);
            ArrayPool<T>.Shared.Return(_slotKeys);
            _values = [];
            _slots = [];
            _slotKeys = [];
            _count = 0;
        }
    }

    private int Insert(T value, int slot)
    {
        int index = _count;
        if (index == _values.Length)
        {
            T[] grown = ArrayPool<T>.Shared.Rent(index * 2);
            Array.Copy(_values, grown, index);
            ArrayPool<T>.Shared.Return(_values);
            _values = grown;
        }

        _values[index] = value;
        _slots[slot] = index + 1;
        _slotKeys[slot] = value;
        _count = index + 1;
        // Keep the table at most a quarter full: short probe sequences avoid mispredicted branches, which cost
        // more than the extra table memory.
        if (_count * 4 > _mask + 1)
        {
            Rehash();
        }

        return index;
    }

    /// <summary>Grows the table at once so that <paramref name="count"/> entries fit without a rehash on the way.</summary>
    private void Reserve(int count)
    {
        int size = DictionarySample.TableSize(count);
        if (size > _mask + 1)
        {
            Rehash(size);
        }
    }

    private void Rehash() => Rehash((_mask + 1) * 2);

    private void Rehash(int size)
    {
        ArrayPool<int>.Shared.Return(_slots);
        ArrayPool<T>.Shared.Return(_slotKeys);
        AllocateTable(size);
        for (int i = 0; i < _count; i++)
        {
            T value = _values[i];
            int slot = Slot(value);
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = i + 1;
            _slotKeys[slot] = value;
        }
    }

    private void AllocateTable(int size)
    {
        _slots = ArrayPool<int>.Shared.Rent(size);
        Array.Clear(_slots, 0, size);
        _slotKeys = ArrayPool<T>.Shared.Rent(size);
        _mask = size - 1;
        _shift = 64 - BitOperations.Log2((uint)size);
    }

    // Fibonacci hashing: one multiply, and the top bits of the product pick the slot.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(T value)
    {
        ulong bits;
        if (Unsafe.SizeOf<T>() == 4)
        {
            bits = Unsafe.BitCast<T, uint>(value);
        }
        else if (Unsafe.SizeOf<T>() == 8)
        {
            bits = Unsafe.BitCast<T, ulong>(value);
        }
        else
        {
            bits = ValueHash.Bytes(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));
        }

        return (int)((bits * 0x9E3779B97F4A7C15UL) >> _shift);
    }

    /// <summary>
    /// Whether every value is bit-equal to the first: the values equal themselves shifted by one value, which is one
    /// vectorized compare that stops at the first difference.
    /// </summary>
    private static bool IsConstant(ReadOnlySpan<T> values)
    {
        ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values);
        int size = Unsafe.SizeOf<T>();
        return bytes[size..].SequenceEqual(bytes[..^size]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BitEquals(T a, T b)
    {
        if (Unsafe.SizeOf<T>() == 4)
        {
            return Unsafe.BitCast<T, uint>(a) == Unsafe.BitCast<T, uint>(b);
        }

        if (Unsafe.SizeOf<T>() == 8)
        {
            return Unsafe.BitCast<T, ulong>(a) == Unsafe.BitCast<T, ulong>(b);
        }

        return MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in a)).SequenceEqual(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in b)));
    }
}
