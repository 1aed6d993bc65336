using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Floe.Common.Errors;

namespace Floe.Parquet.Encodings;

/// <summary>
/// Builds a Parquet dictionary for BYTE_ARRAY (and FIXED_LEN_BYTE_ARRAY) values. Distinct values are kept back to
/// back in one pooled byte array with an offsets array. The open-addressing table holds, per slot, the entry's index,
/// hash, start and length, so a probe touches the table and, on a hash match, the stored bytes, and adding a value
/// allocates nothing. <see cref="PlainEncodedSize"/> lets the writer fall back to PLAIN when the dictionary grows
/// past its limit.
/// </summary>
public sealed class ByteArrayDictionaryBuilder : IDisposable
{
    private byte[] _bytes;
    private int[] _offsets; // _count + 1 entries in use
    private Slot[] _slots; // IndexPlusOne == 0 marks an empty slot
    private int _count;
    private int _mask;

    /// <summary>Creates an empty builder.</summary>
    public ByteArrayDictionaryBuilder(int initialCapacity = 256, int initialByteCapacity = 4096)
    {
        int capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(initialCapacity, 16));
        _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(initialByteCapacity, 64));
        _offsets = ArrayPool<int>.Shared.Rent(capacity + 1);
        _slots = RentSlots(capacity * 4);
        _mask = capacity * 4 - 1;
        _offsets[0] = 0;
    }

    /// <summary>Number of distinct values.</summary>
    public int Count => _count;

    /// <summary>Total bytes of the distinct values.</summary>
    public int ValueBytes => _offsets[_count];

    /// <summary>Offsets of the distinct values (<see cref="Count"/> + 1 entries).</summary>
    public ReadOnlySpan<int> Offsets => new(_offsets, 0, _count + 1);

    /// <summary>The distinct values back to back.</summary>
    public ReadOnlySpan<byte> Bytes => new(_bytes, 0, _offsets[_count]);

    /// <summary>Size in bytes of the PLAIN BYTE_ARRAY dictionary page body (4-byte length per value).</summary>
    public long PlainEncodedSize => (long)_offsets[_count] + 4L * _count;

    /// <summary>The distinct value at <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> this[int index] => _bytes.AsSpan(_offsets[index], _offsets[index + 1] - _offsets[index]);

    /// <summary>Returns the index of <paramref name="value"/>, adding it when new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> value)
    {
        Slot[] slots = _slots;
        ObjectDisposedException.ThrowIf(slots.Length == 0, this);
        uint hash = ValueHash.Bytes(value);
        int slot = (int)hash & _mask;
        while (true)
        {
            ref Slot entry = ref slots[slot];
            if (entry.IndexPlusOne == 0)
            {
                return Insert(value, hash, slot);
            }

            if (entry.Hash == hash && entry.Length == value.Length
                && _bytes.AsSpan(entry.Start, entry.Length).SequenceEqual(value))
            {
                return entry.IndexPlusOne - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Adds values given in the columnar layout (offsets has one more entry than values) and writes their indices.</summary>
    public void GetOrAddRange(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes, Span<int> indices)
    {
        int n = Math.Max(offsets.Length - 1, 0);
        if (indices.Length < n)
        {
            throw new ArgumentException($"indices holds {indices.Length} entries; {n} are needed.", nameof(indices));
        }

        if (n > 1 && ByteStrings.AreAllEqual(offsets, bytes))
        {
            // One value throughout (a column filled with a constant): one probe, no per-value loop.
            indices[..n].Fill(GetOrAdd(bytes.Slice(offsets[0], offsets[1] - offsets[0])));
            return;
        }

        ReadOnlySpan<byte> previous = default;
        int countBefore = _count;
        for (int i = 0; i < n; i++)
        {
            if (i == DictionarySample.Size && n >= 2 * DictionarySample.Size)
            {
                Reserve(DictionarySample.Expected(countBefore, _count, i, n));
            }

            ReadOnlySpan<byte> value = bytes.Slice(offsets[i], offsets[i + 1] - offsets[i]);

            // A value equal to the one before it (a run, or a column holding one value) takes its index without a probe.
            indices[i] = i > 0 && value.SequenceEqual(previous) ? indices[i - 1] : GetOrAdd(value);
            previous = value;
        }
    }

    /// <summary>Adds FIXED_LEN_BYTE_ARRAY values held back to back and writes their indices.</summary>
    public void GetOrAddFixedRange(ReadOnlySpan<byte> values, int typeLength, Span<int> indices)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(typeLength);
        int n = values.Length / typeLength;
        if (indices.Length < n)
        {
            throw new ArgumentException($"indices holds {indices.Length} entries; {n} are needed.", nameof(indices));
        }

        for (int i = 0; i < n; i++)
        {
            indices[i] = GetOrAdd(values.Slice(i * typeLength, typeLength));
        }
    }

    /// <summary>Appends the PLAIN BYTE_ARRAY dictionary page body; returns the bytes written.</summary>
    public int EncodeDictionaryPage(PooledBuffer output) => PlainEncoder.EncodeByteArrays(Offsets, Bytes, output);

    /// <summary>Appends the PLAIN FIXED_LEN_BYTE_ARRAY dictionary page body (values back to back); returns the bytes written.</summary>
    public int EncodeFixedLengthDictionaryPage(PooledBuffer output)
    {
        output.Write(Bytes);
        return Bytes.Length;
    }

    /// <summary>Forgets all values and keeps the storage.</summary>
    public void Clear()
    {
        _count = 0;
        _offsets[0] = 0;
        _slots.AsSpan(0, Math.Min(_mask + 1, _slots.Length)).Clear();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_slots.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            ArrayPool<int>.Shared.Return(_offsets);
            ArrayPool<Slot>.Shared.Return(_slots);
            _bytes = [];
            _offsets = [0];
            _slots = [];
            _count = 0;
        }
    }

    private int Insert(ReadOnlySpan<byte> value, uint hash, int slot)
    {
        int index = _count;
        if (index + 1 >= _offsets.Length)
        {
            Grow(ref _offsets, (index + 2) * 2, index + 1);
        }

        int start = _offsets[index];
        long end = (long)start + value.Length;
        if (end > _bytes.Length)
        {
            if (end > Array.MaxLength)
            {
                throw new ParquetException(FloeErrorKind.InvalidArgument, "A byte-array dictionary cannot exceed 2 GiB.");
            }

            Grow(ref _bytes, (int)Math.Min(Math.Max(end, (long)_bytes.Length * 2), Array.MaxLength), start);
        }

        value.CopyTo(_bytes.AsSpan(start));
        _offsets[index + 1] = (int)end;
        _slots[slot] = new Slot(index + 1, hash, start, value.Length);
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
        Slot[] old = _slots;
        int oldSize = _mask + 1;
        _slots = RentSlots(size);
        _mask = size - 1;
        foreach (Slot entry in old.AsSpan(0, oldSize))
        {
            if (entry.IndexPlusOne != 0)
            {
                int slot = (int)entry.Hash & _mask;
                while (_slots[slot].IndexPlusOne != 0)
                {
                    slot = (slot + 1) & _mask;
                }

                _slots[slot] = entry;
            }
        }

        ArrayPool<Slot>.Shared.Return(old);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Grow<TItem>(ref TItem[] array, int size, int keep)
    {
        TItem[] grown = ArrayPool<TItem>.Shared.Rent(size);
        Array.Copy(array, grown, keep);
        ArrayPool<TItem>.Shared.Return(array);
        array = grown;
    }

    private static Slot[] RentSlots(int size)
    {
        Slot[] slots = ArrayPool<Slot>.Shared.Rent(size);
        Array.Clear(slots, 0, size);
        return slots;
    }

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct Slot(int IndexPlusOne, uint Hash, int Start, int Length);
}
