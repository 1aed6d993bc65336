using System.Buffers;
using System.Runtime.CompilerServices;

namespace Floe.Parquet.Encodings;

/// <summary>
/// Builds a Parquet dictionary for BYTE_ARRAY (and FIXED_LEN_BYTE_ARRAY) values. Distinct values are kept back to
/// back in one pooled byte array with an offsets array; the open-addressing table stores indices and cached hashes,
/// so adding a value allocates nothing. <see cref="PlainEncodedSize"/> lets the writer fall back to PLAIN when the
/// dictionary grows past its limit.
/// </summary>
public sealed class ByteArrayDictionaryBuilder : IDisposable
{
    private byte[] _bytes;
    private int[] _offsets; // _count + 1 entries in use
    private uint[] _hashes;
    private int[] _slots; // 0 = empty, otherwise index + 1
    private int _count;
    private int _mask;

    /// <summary>Creates an empty builder.</summary>
    public ByteArrayDictionaryBuilder(int initialCapacity = 256, int initialByteCapacity = 4096)
    {
        int capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(initialCapacity, 16));
        _bytes = ArrayPool<byte>.Shared.Rent(Math.Max(initialByteCapacity, 64));
        _offsets = ArrayPool<int>.Shared.Rent(capacity + 1);
        _hashes = ArrayPool<uint>.Shared.Rent(capacity);
        _slots = RentSlots(capacity * 2);
        _mask = capacity * 2 - 1;
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
        ObjectDisposedException.ThrowIf(_slots.Length == 0, this);
        uint hash = ValueHash.Bytes(value);
        int slot = (int)hash & _mask;
        while (true)
        {
            int entry = _slots[slot];
            if (entry == 0)
            {
                return Insert(value, hash, slot);
            }

            int index = entry - 1;
            if (_hashes[index] == hash)
            {
                int from = _offsets[index];
                if (_bytes.AsSpan(from, _offsets[index + 1] - from).SequenceEqual(value))
                {
                    return index;
                }
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

        for (int i = 0; i < n; i++)
        {
            indices[i] = GetOrAdd(bytes.Slice(offsets[i], offsets[i + 1] - offsets[i]));
        }
    }

    /// <summary>Adds FIXED_LEN_BYTE_ARRAY values held back to back and writes their indices.</summary>
    public void GetOrAddFixedRange(ReadOnlySpan<byte> values, int typeLength, Span<int> indices)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(typeLength);
        int n = values.Length / typeLength;
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
            ArrayPool<uint>.Shared.Return(_hashes);
            ArrayPool<int>.Shared.Return(_slots);
            _bytes = [];
            _offsets = [0];
            _hashes = [];
            _slots = [];
            _count = 0;
        }
    }

    private int Insert(ReadOnlySpan<byte> value, uint hash, int slot)
    {
        int index = _count;
        if (index + 1 >= _offsets.Length || index >= _hashes.Length)
        {
            Grow(ref _offsets, (index + 2) * 2, index + 1);
            Grow(ref _hashes, (index + 1) * 2, index);
        }

        int start = _offsets[index];
        long end = (long)start + value.Length;
        if (end > _bytes.Length)
        {
            if (end > Array.MaxLength)
            {
                throw new ParquetException(Floe.Common.Errors.FloeErrorKind.InvalidArgument, "A byte-array dictionary cannot exceed 2 GiB.");
            }

            Grow(ref _bytes, (int)Math.Min(Math.Max(end, (long)_bytes.Length * 2), Array.MaxLength), start);
        }

        value.CopyTo(_bytes.AsSpan(start));
        _offsets[index + 1] = (int)end;
        _hashes[index] = hash;
        _slots[slot] = index + 1;
        _count = index + 1;
        if (_count * 2 > _mask + 1)
        {
            Rehash();
        }

        return index;
    }

    private void Rehash()
    {
        int size = (_mask + 1) * 2;
        ArrayPool<int>.Shared.Return(_slots);
        _slots = RentSlots(size);
        _mask = size - 1;
        for (int i = 0; i < _count; i++)
        {
            int slot = (int)_hashes[i] & _mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & _mask;
            }

            _slots[slot] = i + 1;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Grow<TItem>(ref TItem[] array, int size, int keep)
    {
        TItem[] grown = ArrayPool<TItem>.Shared.Rent(size);
        Array.Copy(array, grown, keep);
        ArrayPool<TItem>.Shared.Return(array);
        array = grown;
    }

    private static int[] RentSlots(int size)
    {
        int[] slots = ArrayPool<int>.Shared.Rent(size);
        Array.Clear(slots, 0, size);
        return slots;
    }
}
