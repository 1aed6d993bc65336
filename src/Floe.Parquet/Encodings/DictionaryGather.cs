using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Floe.Parquet.Encodings;

/// <summary>
/// Materialises dictionary-encoded values: the dictionary page is decoded with <see cref="PlainDecoder"/> and the
/// indices with <see cref="RleBitPackedHybrid.DecodeDictionaryIndices"/>; these methods then look every index up.
/// An index at or past the dictionary size throws <see cref="ParquetException"/> naming the index and the size.
/// <list type="bullet">
/// <item><see cref="Gather{T}"/>: fixed-width values (INT32, INT64, FLOAT, DOUBLE, or any unmanaged struct such as a 12-byte INT96 holder).</item>
/// <item><see cref="GatherFixedLength"/>: FIXED_LEN_BYTE_ARRAY values held back to back.</item>
/// <item><see cref="MeasureByteArrays"/> then <see cref="GatherByteArrays"/>: BYTE_ARRAY values as end offsets plus bytes.</item>
/// </list>
/// </summary>
public static class DictionaryGather
{
    /// <summary>Writes <c>dictionary[indices[i]]</c> to <c>destination[i]</c> for every index.</summary>
    public static void Gather<T>(ReadOnlySpan<T> dictionary, ReadOnlySpan<int> indices, Span<T> destination)
        where T : unmanaged
    {
        if (destination.Length < indices.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values; {indices.Length} are needed.", nameof(destination));
        }

        ref T dict = ref MemoryMarshal.GetReference(dictionary);
        ref T dst = ref MemoryMarshal.GetReference(destination);
        ref int idx = ref MemoryMarshal.GetReference(indices);
        uint size = (uint)dictionary.Length;
        int n = indices.Length;
        int i = 0;
        for (; i + 4 <= n; i += 4)
        {
            int a = Unsafe.Add(ref idx, i);
            int b = Unsafe.Add(ref idx, i + 1);
            int c = Unsafe.Add(ref idx, i + 2);
            int d = Unsafe.Add(ref idx, i + 3);
            if (((uint)a >= size) | ((uint)b >= size) | ((uint)c >= size) | ((uint)d >= size))
            {
                ThrowBadIndex(indices.Slice(i, 4), dictionary.Length, i);
            }

            Unsafe.Add(ref dst, i) = Unsafe.Add(ref dict, a);
            Unsafe.Add(ref dst, i + 1) = Unsafe.Add(ref dict, b);
            Unsafe.Add(ref dst, i + 2) = Unsafe.Add(ref dict, c);
            Unsafe.Add(ref dst, i + 3) = Unsafe.Add(ref dict, d);
        }

        for (; i < n; i++)
        {
            int a = Unsafe.Add(ref idx, i);
            if ((uint)a >= size)
            {
                ThrowBadIndex(indices.Slice(i, 1), dictionary.Length, i);
            }

            Unsafe.Add(ref dst, i) = Unsafe.Add(ref dict, a);
        }
    }

    /// <summary>Gathers FIXED_LEN_BYTE_ARRAY values of <paramref name="typeLength"/> bytes.</summary>
    public static void GatherFixedLength(ReadOnlySpan<byte> dictionary, int typeLength, ReadOnlySpan<int> indices, Span<byte> destination)
    {
        if (typeLength <= 0)
        {
            throw new ParquetException($"FIXED_LEN_BYTE_ARRAY dictionary: type length {typeLength} must be positive.");
        }

        int size = dictionary.Length / typeLength;
        if (destination.Length < (long)indices.Length * typeLength)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes; {(long)indices.Length * typeLength} are needed.", nameof(destination));
        }

        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            if ((uint)index >= (uint)size)
            {
                ThrowBadIndex(indices.Slice(i, 1), size, i);
            }

            dictionary.Slice(index * typeLength, typeLength).CopyTo(destination.Slice(i * typeLength, typeLength));
        }
    }

    /// <summary>
    /// Validates the indices against a BYTE_ARRAY dictionary (offsets has one entry per value plus one) and returns
    /// the total bytes <see cref="GatherByteArrays"/> will write.
    /// </summary>
    public static long MeasureByteArrays(ReadOnlySpan<int> dictionaryOffsets, ReadOnlySpan<int> indices)
    {
        uint size = (uint)Math.Max(dictionaryOffsets.Length - 1, 0);
        long total = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            if ((uint)index >= size)
            {
                ThrowBadIndex(indices.Slice(i, 1), (int)size, i);
            }

            total += dictionaryOffsets[index + 1] - dictionaryOffsets[index];
        }

        return total;
    }

    /// <summary>
    /// Gathers BYTE_ARRAY values: value bytes go back to back into <paramref name="bytes"/> and <c>endOffsets[i]</c>
    /// receives <paramref name="dataStart"/> plus the end of value i within <paramref name="bytes"/>.
    /// Returns the bytes written; bytes of <paramref name="bytes"/> past them may be overwritten.
    /// </summary>
    public static int GatherByteArrays(
        ReadOnlySpan<int> dictionaryOffsets,
        ReadOnlySpan<byte> dictionaryBytes,
        ReadOnlySpan<int> indices,
        Span<int> endOffsets,
        Span<byte> bytes,
        int dataStart = 0)
    {
        if (endOffsets.Length < indices.Length)
        {
            throw new ArgumentException($"endOffsets holds {endOffsets.Length} entries; {indices.Length} are needed.", nameof(endOffsets));
        }

        uint size = (uint)Math.Max(dictionaryOffsets.Length - 1, 0);
        int written = 0;
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            if ((uint)index >= size)
            {
                ThrowBadIndex(indices.Slice(i, 1), (int)size, i);
            }

            int from = dictionaryOffsets[index];
            int length = dictionaryOffsets[index + 1] - from;
            if (length > bytes.Length - written)
            {
                throw new ArgumentException($"The byte buffer ({bytes.Length} bytes) is too small for value {i}.", nameof(bytes));
            }

            if (length <= 16 && from + 16 <= dictionaryBytes.Length && written + 16 <= bytes.Length)
            {
                // Short strings dominate; a fixed 16-byte copy beats a variable-length one.
                Unsafe.WriteUnaligned(
                    ref Unsafe.Add(ref MemoryMarshal.GetReference(bytes), written),
                    Unsafe.ReadUnaligned<Int128>(ref Unsafe.Add(ref MemoryMarshal.GetReference(dictionaryBytes), from)));
            }
            else
            {
                dictionaryBytes.Slice(from, length).CopyTo(bytes.Slice(written));
            }

            written += length;
            endOffsets[i] = dataStart + written;
        }

        return written;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadIndex(ReadOnlySpan<int> candidates, int dictionarySize, int firstPosition)
    {
        for (int k = 0; k < candidates.Length; k++)
        {
            if ((uint)candidates[k] >= (uint)dictionarySize)
            {
                throw new ParquetException(
                    $"Dictionary index {candidates[k]} at value {firstPosition + k} is out of range; the dictionary has {dictionarySize} entries.");
            }
        }
    }
}
