using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Floe.Common.Errors;

namespace Floe.Parquet.Encodings;

/// <summary>
/// BYTE_STREAM_SPLIT for FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY: byte k of every value is stored in
/// stream k, and the streams follow each other. A page of N values of width W holds exactly N * W bytes.
/// <list type="bullet">
/// <item><see cref="Decode"/> / <see cref="Decode{T}"/>: the first <c>count</c> values of the page.</item>
/// <item><see cref="Encode"/> / <see cref="Encode{T}"/>: the inverse.</item>
/// </list>
/// Widths 4 and 8 decode 16 values at a time with SSE2 unpack instructions where available.
/// </summary>
public static class ByteStreamSplit
{
    /// <summary>Decodes the first <c>destination.Length</c> values of a page of <typeparamref name="T"/>; returns the page's value count.</summary>
    public static int Decode<T>(ReadOnlySpan<byte> data, Span<T> destination)
        where T : unmanaged =>
        Decode(data, Unsafe.SizeOf<T>(), destination.Length, MemoryMarshal.AsBytes(destination));

    /// <summary>
    /// Decodes the first <paramref name="count"/> values of width <paramref name="width"/> into contiguous bytes.
    /// Returns the page's value count (<c>data.Length / width</c>).
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> data, int width, int count, Span<byte> destination)
    {
        if (width <= 0)
        {
            throw new ParquetException($"BYTE_STREAM_SPLIT: value width {width} must be positive.");
        }

        if (data.Length % width != 0)
        {
            throw new ParquetException($"BYTE_STREAM_SPLIT: {data.Length} bytes are not a whole number of {width}-byte values.");
        }

        int stride = data.Length / width;
        if ((uint)count > (uint)stride)
        {
            throw new ParquetException($"BYTE_STREAM_SPLIT: {count} values were expected but the page holds {stride}.");
        }

        if (destination.Length < (long)count * width)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes; {(long)count * width} are needed.", nameof(destination));
        }

        int i = 0;
        if (width == 4 && Sse2.IsSupported)
        {
            i = Decode4Vector(data, stride, count, destination);
        }
        else if (width == 8 && Sse2.IsSupported)
        {
            i = Decode8Vector(data, stride, count, destination);
        }

        for (; i < count; i++)
        {
            for (int k = 0; k < width; k++)
            {
                destination[i * width + k] = data[k * stride + i];
            }
        }

        return stride;
    }

    /// <summary>Appends values of <typeparamref name="T"/>; returns bytes written.</summary>
    public static int Encode<T>(ReadOnlySpan<T> values, PooledBuffer output)
        where T : unmanaged =>
        Encode(MemoryMarshal.AsBytes(values), Unsafe.SizeOf<T>(), output);

    /// <summary>Appends values of width <paramref name="width"/> held back to back; returns bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> values, int width, PooledBuffer output)
    {
        if (width <= 0 || values.Length % width != 0)
        {
            throw new ParquetException(FloeErrorKind.InvalidArgument, $"BYTE_STREAM_SPLIT: {values.Length} bytes are not a whole number of {width}-byte values.");
        }

        int count = values.Length / width;
        Span<byte> dst = output.GetSpan(values.Length).Slice(0, values.Length);
        for (int k = 0; k < width; k++)
        {
            Span<byte> stream = dst.Slice(k * count, count);
            for (int i = 0; i < count; i++)
            {
                stream[i] = values[i * width + k];
            }
        }

        output.Advance(values.Length);
        return values.Length;
    }

    // Interleaves 16 values at a time: bytes of streams 0/1 and 2/3 pair up as 16-bit lanes, then 32-bit lanes.
    private static int Decode4Vector(ReadOnlySpan<byte> data, int stride, int count, Span<byte> destination)
    {
        ref byte s = ref MemoryMarshal.GetReference(data);
        ref byte d = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i + 16 <= count; i += 16)
        {
            Vector128<byte> b0 = Vector128.LoadUnsafe(ref s, (nuint)i);
            Vector128<byte> b1 = Vector128.LoadUnsafe(ref s, (nuint)(stride + i));
            Vector128<byte> b2 = Vector128.LoadUnsafe(ref s, (nuint)(2 * stride + i));
            Vector128<byte> b3 = Vector128.LoadUnsafe(ref s, (nuint)(3 * stride + i));
            (Vector128<byte> lo01, Vector128<byte> hi01) = Zip(b0, b1);
            (Vector128<byte> lo23, Vector128<byte> hi23) = Zip(b2, b3);
            (Vector128<ushort> v0, Vector128<ushort> v1) = Zip(lo01.AsUInt16(), lo23.AsUInt16());
            (Vector128<ushort> v2, Vector128<ushort> v3) = Zip(hi01.AsUInt16(), hi23.AsUInt16());
            nuint o = (nuint)i * 4;
            v0.AsByte().StoreUnsafe(ref d, o);
            v1.AsByte().StoreUnsafe(ref d, o + 16);
            v2.AsByte().StoreUnsafe(ref d, o + 32);
            v3.AsByte().StoreUnsafe(ref d, o + 48);
        }

        return i;
    }

    private static int Decode8Vector(ReadOnlySpan<byte> data, int stride, int count, Span<byte> destination)
    {
        ref byte s = ref MemoryMarshal.GetReference(data);
        ref byte d = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        for (; i + 16 <= count; i += 16)
        {
            Vector128<byte> b0 = Vector128.LoadUnsafe(ref s, (nuint)i);
            Vector128<byte> b1 = Vector128.LoadUnsafe(ref s, (nuint)(stride + i));
            Vector128<byte> b2 = Vector128.LoadUnsafe(ref s, (nuint)(2 * stride + i));
            Vector128<byte> b3 = Vector128.LoadUnsafe(ref s, (nuint)(3 * stride + i));
            Vector128<byte> b4 = Vector128.LoadUnsafe(ref s, (nuint)(4 * stride + i));
            Vector128<byte> b5 = Vector128.LoadUnsafe(ref s, (nuint)(5 * stride + i));
            Vector128<byte> b6 = Vector128.LoadUnsafe(ref s, (nuint)(6 * stride + i));
            Vector128<byte> b7 = Vector128.LoadUnsafe(ref s, (nuint)(7 * stride + i));
            (Vector128<byte> l01, Vector128<byte> h01) = Zip(b0, b1);
            (Vector128<byte> l23, Vector128<byte> h23) = Zip(b2, b3);
            (Vector128<byte> l45, Vector128<byte> h45) = Zip(b4, b5);
            (Vector128<byte> l67, Vector128<byte> h67) = Zip(b6, b7);
            (Vector128<ushort> a0, Vector128<ushort> a1) = Zip(l01.AsUInt16(), l23.AsUInt16());
            (Vector128<ushort> a2, Vector128<ushort> a3) = Zip(h01.AsUInt16(), h23.AsUInt16());
            (Vector128<ushort> c0, Vector128<ushort> c1) = Zip(l45.AsUInt16(), l67.AsUInt16());
            (Vector128<ushort> c2, Vector128<ushort> c3) = Zip(h45.AsUInt16(), h67.AsUInt16());
            (Vector128<uint> r0, Vector128<uint> r1) = Zip(a0.AsUInt32(), c0.AsUInt32());
            (Vector128<uint> r2, Vector128<uint> r3) = Zip(a1.AsUInt32(), c1.AsUInt32());
            (Vector128<uint> r4, Vector128<uint> r5) = Zip(a2.AsUInt32(), c2.AsUInt32());
            (Vector128<uint> r6, Vector128<uint> r7) = Zip(a3.AsUInt32(), c3.AsUInt32());
            nuint o = (nuint)i * 8;
            r0.AsByte().StoreUnsafe(ref d, o);
            r1.AsByte().StoreUnsafe(ref d, o + 16);
            r2.AsByte().StoreUnsafe(ref d, o + 32);
            r3.AsByte().StoreUnsafe(ref d, o + 48);
            r4.AsByte().StoreUnsafe(ref d, o + 64);
            r5.AsByte().StoreUnsafe(ref d, o + 80);
            r6.AsByte().StoreUnsafe(ref d, o + 96);
            r7.AsByte().StoreUnsafe(ref d, o + 112);
        }

        return i;
    }

    // Lane-wise interleave of two vectors: (a0 b0 a1 b1 ...) from the low halves, then from the high halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<byte> Low, Vector128<byte> High) Zip(Vector128<byte> a, Vector128<byte> b) =>
        (Sse2.UnpackLow(a, b), Sse2.UnpackHigh(a, b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<ushort> Low, Vector128<ushort> High) Zip(Vector128<ushort> a, Vector128<ushort> b) =>
        (Sse2.UnpackLow(a, b), Sse2.UnpackHigh(a, b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<uint> Low, Vector128<uint> High) Zip(Vector128<uint> a, Vector128<uint> b) =>
        (Sse2.UnpackLow(a, b), Sse2.UnpackHigh(a, b));
}
