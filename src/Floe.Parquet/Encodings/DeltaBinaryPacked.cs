using System.Buffers;
using Floe.Common.Errors;

namespace Floe.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED for INT32 and INT64: a header (block size, miniblocks per block, value count, first value),
/// then blocks of a zigzag minimum delta, one bit-width byte per miniblock and the bit-packed deltas minus the minimum.
/// All delta arithmetic wraps in the value type, as the specification requires.
/// <list type="bullet">
/// <item><see cref="ReadValueCount"/>: the count in the header, to size the destination.</item>
/// <item><see cref="DecodeInt32"/> / <see cref="DecodeInt64"/>: decode every value; return the count, report bytes consumed.</item>
/// <item><see cref="EncodeInt32"/> / <see cref="EncodeInt64"/>: block size 128 with 4 miniblocks unless told otherwise.</item>
/// </list>
/// </summary>
public static class DeltaBinaryPacked
{
    /// <summary>Values per block written by default.</summary>
    public const int DefaultBlockSize = 128;

    /// <summary>Miniblocks per block written by default.</summary>
    public const int DefaultMiniblockCount = 4;

    private const int MaxBlockSize = 1 << 20;

    // Miniblocks up to this many values (32 in the default layout) use the 32-bit unpacker for INT64 streams.
    private const int ScratchValues = 256;

    /// <summary>Returns the number of values the stream declares.</summary>
    public static int ReadValueCount(ReadOnlySpan<byte> data)
    {
        int position = 0;
        return ReadHeader(data, ref position).Count;
    }

    /// <summary>
    /// Decodes an INT32 stream into <paramref name="destination"/> and returns the value count. Throws when the
    /// stream declares more values than the destination holds.
    /// </summary>
    public static int DecodeInt32(ReadOnlySpan<byte> data, Span<int> destination, out int bytesConsumed)
    {
        int pos = 0;
        Header header = ReadHeader(data, ref pos);
        int total = CheckCount(header, destination.Length);
        if (total > 0)
        {
            destination[0] = (int)header.FirstValue;
        }

        int valuesPerMiniblock = header.BlockSize / header.MiniblockCount;
        int i = 1;
        while (i < total)
        {
            int blockAt = pos;
            int minDelta = (int)Varint.ReadZigZag64(data, ref pos, "DELTA_BINARY_PACKED min delta");
            ReadOnlySpan<byte> widths = ReadWidths(data, ref pos, header.MiniblockCount, blockAt);
            for (int m = 0; m < widths.Length && i < total; m++)
            {
                int w = widths[m];
                if (w > 32)
                {
                    throw new ParquetException($"DELTA_BINARY_PACKED: miniblock {m} of the block at byte {blockAt} has bit width {w}; INT32 allows 0..32.");
                }

                int n = Math.Min(valuesPerMiniblock, total - i);
                CheckMiniblockBytes(data, pos, n, w, blockAt);
                Span<int> slice = destination.Slice(i, n);
                BitPacking.Unpack32(data.Slice(pos), slice, w);
                int prev = destination[i - 1];
                for (int k = 0; k < slice.Length; k++)
                {
                    prev = unchecked(prev + minDelta + slice[k]);
                    slice[k] = prev;
                }

                pos += Math.Min(valuesPerMiniblock / 8 * w, data.Length - pos);
                i += n;
            }
        }

        bytesConsumed = pos;
        return total;
    }

    /// <summary>Decodes an INT64 stream; see <see cref="DecodeInt32"/>.</summary>
    public static int DecodeInt64(ReadOnlySpan<byte> data, Span<long> destination, out int bytesConsumed)
    {
        int pos = 0;
        Header header = ReadHeader(data, ref pos);
        int total = CheckCount(header, destination.Length);
        if (total > 0)
        {
            destination[0] = header.FirstValue;
        }

        int valuesPerMiniblock = header.BlockSize / header.MiniblockCount;
        Span<int> scratch = stackalloc int[ScratchValues];
        int i = 1;
        while (i < total)
        {
            int blockAt = pos;
            long minDelta = Varint.ReadZigZag64(data, ref pos, "DELTA_BINARY_PACKED min delta");
            ReadOnlySpan<byte> widths = ReadWidths(data, ref pos, header.MiniblockCount, blockAt);
            for (int m = 0; m < widths.Length && i < total; m++)
            {
                int w = widths[m];
                if (w > 64)
                {
                    throw new ParquetException($"DELTA_BINARY_PACKED: miniblock {m} of the block at byte {blockAt} has bit width {w}; INT64 allows 0..64.");
                }

                int n = Math.Min(valuesPerMiniblock, total - i);
                CheckMiniblockBytes(data, pos, n, w, blockAt);
                Span<long> slice = destination.Slice(i, n);
                long prev = destination[i - 1];
                if (w <= 32 && n <= scratch.Length)
                {
                    // Narrow deltas (the usual case) go through the width-specialised 32-bit unpacker.
                    Span<int> narrow = scratch.Slice(0, n);
                    BitPacking.Unpack32(data.Slice(pos), narrow, w);
                    for (int k = 0; k < slice.Length; k++)
                    {
                        prev = unchecked(prev + minDelta + (uint)narrow[k]);
                        slice[k] = prev;
                    }
                }
                else
                {
                    BitPacking.Unpack64(data.Slice(pos), slice, w);
                    for (int k = 0; k < slice.Length; k++)
                    {
                        prev = unchecked(prev + minDelta + slice[k]);
                        slice[k] = prev;
                    }
                }

                pos += Math.Min(valuesPerMiniblock / 8 * w, data.Length - pos);
                i += n;
            }
        }

        bytesConsumed = pos;
        return total;
    }

    /// <summary>Appends the encoding of INT32 values; returns the bytes written.</summary>
    public static int EncodeInt32(ReadOnlySpan<int> values, PooledBuffer output, int blockSize = DefaultBlockSize, int miniblockCount = DefaultMiniblockCount)
    {
        int valuesPerMiniblock = CheckLayout(blockSize, miniblockCount);
        int start = output.WrittenCount;
        WriteHeader(output, blockSize, miniblockCount, values.Length, values.IsEmpty ? 0 : values[0]);
        int[] deltas = ArrayPool<int>.Shared.Rent(blockSize);
        try
        {
            for (int s = 1; s < values.Length; s += blockSize)
            {
                int n = Math.Min(blockSize, values.Length - s);
                int minDelta = int.MaxValue;
                for (int k = 0; k < n; k++)
                {
                    int delta = unchecked(values[s + k] - values[s + k - 1]);
                    deltas[k] = delta;
                    minDelta = Math.Min(minDelta, delta);
                }

                for (int k = 0; k < n; k++)
                {
                    deltas[k] = unchecked(deltas[k] - minDelta);
                }

                Array.Clear(deltas, n, blockSize - n);
                Varint.WriteZigZag(output, minDelta);
                int widthsAt = output.WrittenCount;
                Span<byte> widths = output.GetSpan(miniblockCount).Slice(0, miniblockCount);
                widths.Clear();
                int used = (n + valuesPerMiniblock - 1) / valuesPerMiniblock;
                for (int m = 0; m < used; m++)
                {
                    uint or = 0;
                    foreach (int d in deltas.AsSpan(m * valuesPerMiniblock, valuesPerMiniblock))
                    {
                        or |= (uint)d;
                    }

                    widths[m] = (byte)BitPacking.BitWidth(or);
                }

                output.Advance(miniblockCount);
                for (int m = 0; m < used; m++)
                {
                    int w = output.WrittenSpan[widthsAt + m];
                    int bytes = valuesPerMiniblock / 8 * w;
                    BitPacking.Pack32(deltas.AsSpan(m * valuesPerMiniblock, valuesPerMiniblock), w, output.GetSpan(bytes));
                    output.Advance(bytes);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(deltas);
        }

        return output.WrittenCount - start;
    }

    /// <summary>Appends the encoding of INT64 values; returns the bytes written.</summary>
    public static int EncodeInt64(ReadOnlySpan<long> values, PooledBuffer output, int blockSize = DefaultBlockSize, int miniblockCount = DefaultMiniblockCount)
    {
        int valuesPerMiniblock = CheckLayout(blockSize, miniblockCount);
        int start = output.WrittenCount;
        WriteHeader(output, blockSize, miniblockCount, values.Length, values.IsEmpty ? 0 : values[0]);
        long[] deltas = ArrayPool<long>.Shared.Rent(blockSize);
        try
        {
            for (int s = 1; s < values.Length; s += blockSize)
            {
                int n = Math.Min(blockSize, values.Length - s);
                long minDelta = long.MaxValue;
                for (int k = 0; k < n; k++)
                {
                    long delta = unchecked(values[s + k] - values[s + k - 1]);
                    deltas[k] = delta;
                    minDelta = Math.Min(minDelta, delta);
                }

                for (int k = 0; k < n; k++)
                {
                    deltas[k] = unchecked(deltas[k] - minDelta);
                }

                Array.Clear(deltas, n, blockSize - n);
                Varint.WriteZigZag(output, minDelta);
                int widthsAt = output.WrittenCount;
                Span<byte> widths = output.GetSpan(miniblockCount).Slice(0, miniblockCount);
                widths.Clear();
                int used = (n + valuesPerMiniblock - 1) / valuesPerMiniblock;
                for (int m = 0; m < used; m++)
                {
                    ulong or = 0;
                    foreach (long d in deltas.AsSpan(m * valuesPerMiniblock, valuesPerMiniblock))
                    {
                        or |= (ulong)d;
                    }

                    widths[m] = (byte)BitPacking.BitWidth(or);
                }

                output.Advance(miniblockCount);
                for (int m = 0; m < used; m++)
                {
                    int w = output.WrittenSpan[widthsAt + m];
                    int bytes = valuesPerMiniblock / 8 * w;
                    BitPacking.Pack64(deltas.AsSpan(m * valuesPerMiniblock, valuesPerMiniblock), w, output.GetSpan(bytes));
                    output.Advance(bytes);
                }
            }
        }
        finally
        {
            ArrayPool<long>.Shared.Return(deltas);
        }

        return output.WrittenCount - start;
    }

    private static int CheckLayout(int blockSize, int miniblockCount)
    {
        if (blockSize <= 0 || blockSize % 128 != 0 || blockSize > MaxBlockSize || miniblockCount <= 0
            || blockSize % miniblockCount != 0 || blockSize / miniblockCount % 32 != 0)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument,
                $"DELTA_BINARY_PACKED: block size {blockSize} with {miniblockCount} miniblocks is invalid (block size a multiple of 128, miniblocks of a multiple of 32 values).");
        }

        return blockSize / miniblockCount;
    }

    private static void WriteHeader(PooledBuffer output, int blockSize, int miniblockCount, int count, long first)
    {
        Varint.Write(output, (ulong)blockSize);
        Varint.Write(output, (ulong)miniblockCount);
        Varint.Write(output, (ulong)count);
        Varint.WriteZigZag(output, first);
    }

    private static Header ReadHeader(ReadOnlySpan<byte> data, ref int pos)
    {
        uint blockSize = Varint.ReadUInt32(data, ref pos, "DELTA_BINARY_PACKED block size");
        uint miniblocks = Varint.ReadUInt32(data, ref pos, "DELTA_BINARY_PACKED miniblock count");
        uint count = Varint.ReadUInt32(data, ref pos, "DELTA_BINARY_PACKED value count");
        long first = Varint.ReadZigZag64(data, ref pos, "DELTA_BINARY_PACKED first value");
        if (blockSize == 0 || blockSize > MaxBlockSize || blockSize % 128 != 0)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED: block size {blockSize} is not a positive multiple of 128 up to {MaxBlockSize}.");
        }

        if (miniblocks == 0 || blockSize % miniblocks != 0 || blockSize / miniblocks % 8 != 0)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED: {miniblocks} miniblocks do not divide block size {blockSize} into multiples of 8 values.");
        }

        if (count > int.MaxValue)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED: value count {count} is too large.");
        }

        return new Header((int)blockSize, (int)miniblocks, (int)count, first);
    }

    private static int CheckCount(Header header, int capacity)
    {
        if (header.Count > capacity)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED: the stream declares {header.Count} values but at most {capacity} were expected.");
        }

        return header.Count;
    }

    private static ReadOnlySpan<byte> ReadWidths(ReadOnlySpan<byte> data, ref int pos, int miniblockCount, int blockAt)
    {
        if (data.Length - pos < miniblockCount)
        {
            throw new ParquetException($"DELTA_BINARY_PACKED: the block at byte {blockAt} is cut off before its {miniblockCount} bit widths.");
        }

        ReadOnlySpan<byte> widths = data.Slice(pos, miniblockCount);
        pos += miniblockCount;
        return widths;
    }

    private static void CheckMiniblockBytes(ReadOnlySpan<byte> data, int pos, int n, int bitWidth, int blockAt)
    {
        long needed = ((long)n * bitWidth + 7) >> 3;
        if (data.Length - pos < needed)
        {
            throw new ParquetException(
                $"DELTA_BINARY_PACKED: a miniblock of the block at byte {blockAt} needs {needed} bytes at byte {pos}; {data.Length - pos} remain.");
        }
    }

    private readonly record struct Header(int BlockSize, int MiniblockCount, int Count, long FirstValue);
}
