using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Floe.Core.Expressions;

namespace Floe.Table.Scanning.Execution;

/// <summary>
/// Row masks (one bool per row) worked on 32 rows at a time: comparisons of a primitive column with a literal, and
/// the and, or and not of masks. A bool is stored as the byte 0 or 1, so masks combine as bytes.
/// </summary>
internal static class MaskVectors
{
    /// <summary>For each of the 256 values of 8 lane bits, 8 bytes each 0 or 1.</summary>
    private static readonly ulong[] s_lanes = BuildLanes();

    /// <summary>
    /// <paramref name="result"/>[i] = <paramref name="values"/>[i] <paramref name="op"/> <paramref name="literal"/>,
    /// with NaN above every value (so greater-than holds for it, less-than and equality do not); the literal must not be
    /// NaN. False (nothing done) for an operation other than a comparison.
    /// </summary>
    public static bool Compare<T>(ReadOnlySpan<T> values, Operation op, T literal, Span<bool> result)
        where T : unmanaged, INumber<T> => op switch
        {
            Operation.LessThan => Run<T, Less<T>>(values, literal, result),
            Operation.LessThanOrEqual => Run<T, LessOrEqual<T>>(values, literal, result),
            Operation.GreaterThan => Run<T, Greater<T>>(values, literal, result),
            Operation.GreaterThanOrEqual => Run<T, GreaterOrEqual<T>>(values, literal, result),
            Operation.Equal => Run<T, EqualTo<T>>(values, literal, result),
            _ => false,
        };

    /// <summary><paramref name="target"/>[i] &amp;= <paramref name="other"/>[i].</summary>
    public static void And(Span<bool> target, ReadOnlySpan<bool> other)
    {
        Span<byte> t = MemoryMarshal.AsBytes(target);
        ReadOnlySpan<byte> o = MemoryMarshal.AsBytes(other)[..t.Length];
        int i = 0;
        for (; i <= t.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            (Vector256.Create(t[i..]) & Vector256.Create(o[i..])).CopyTo(t[i..]);
        }

        for (; i < t.Length; i++)
        {
            t[i] &= o[i];
        }
    }

    /// <summary><paramref name="target"/>[i] |= <paramref name="other"/>[i].</summary>
    public static void Or(Span<bool> target, ReadOnlySpan<bool> other)
    {
        Span<byte> t = MemoryMarshal.AsBytes(target);
        ReadOnlySpan<byte> o = MemoryMarshal.AsBytes(other)[..t.Length];
        int i = 0;
        for (; i <= t.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            (Vector256.Create(t[i..]) | Vector256.Create(o[i..])).CopyTo(t[i..]);
        }

        for (; i < t.Length; i++)
        {
            t[i] |= o[i];
        }
    }

    /// <summary><paramref name="target"/>[i] = !<paramref name="target"/>[i].</summary>
    public static void Not(Span<bool> target)
    {
        Span<byte> t = MemoryMarshal.AsBytes(target);
        Vector256<byte> one = Vector256.Create((byte)1);
        int i = 0;
        for (; i <= t.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            (Vector256.Create(t[i..]) ^ one).CopyTo(t[i..]);
        }

        for (; i < t.Length; i++)
        {
            t[i] ^= 1;
        }
    }

    private static bool Run<T, TOp>(ReadOnlySpan<T> values, T literal, Span<bool> result)
        where T : unmanaged, INumber<T>
        where TOp : struct, IComparison<T>
    {
        int i = 0;
        int lanes = Vector256<T>.Count;
        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && lanes is 4 or 8)
        {
            Span<byte> bytes = MemoryMarshal.AsBytes(result);
            Vector256<T> broadcast = Vector256.Create(literal);
            for (; i <= values.Length - lanes; i += lanes)
            {
                ulong set = s_lanes[Vector256.ExtractMostSignificantBits(TOp.Mask(Vector256.Create(values[i..]), broadcast))];
                if (lanes == 8)
                {
                    MemoryMarshal.Write(bytes[i..], set);
                }
                else
                {
                    MemoryMarshal.Write(bytes[i..], (uint)set);
                }
            }
        }

        for (; i < values.Length; i++)
        {
            result[i] = TOp.Test(values[i], literal);
        }

        return true;
    }

    private static ulong[] BuildLanes()
    {
        var lanes = new ulong[256];
        for (int bits = 0; bits < 256; bits++)
        {
            for (int lane = 0; lane < 8; lane++)
            {
                lanes[bits] |= (ulong)((bits >> lane) & 1) << (8 * lane);
            }
        }

        return lanes;
    }

    /// <summary>A comparison with a literal, on one value and on a vector of them (lanes all ones where it holds).</summary>
    private interface IComparison<T>
        where T : unmanaged, INumber<T>
    {
        static abstract bool Test(T value, T literal);

        static abstract Vector256<T> Mask(Vector256<T> values, Vector256<T> literal);
    }

    private readonly struct Less<T> : IComparison<T>
        where T : unmanaged, INumber<T>
    {
        public static bool Test(T value, T literal) => value < literal;

        public static Vector256<T> Mask(Vector256<T> values, Vector256<T> literal) => Vector256.LessThan(values, literal);
    }

    private readonly struct LessOrEqual<T> : IComparison<T>
        where T : unmanaged, INumber<T>
    {
        public static bool Test(T value, T literal) => value <= literal;

        public static Vector256<T> Mask(Vector256<T> values, Vector256<T> literal) => Vector256.LessThanOrEqual(values, literal);
    }

    private readonly struct Greater<T> : IComparison<T>
        where T : unmanaged, INumber<T>
    {
        public static bool Test(T value, T literal) => value > literal || T.IsNaN(value);

        // A NaN lane is the one lane unequal to itself.
        public static Vector256<T> Mask(Vector256<T> values, Vector256<T> literal) =>
            Vector256.GreaterThan(values, literal) | ~Vector256.Equals(values, values);
    }

    private readonly struct GreaterOrEqual<T> : IComparison<T>
        where T : unmanaged, INumber<T>
    {
        public static bool Test(T value, T literal) => value >= literal || T.IsNaN(value);

        public static Vector256<T> Mask(Vector256<T> values, Vector256<T> literal) =>
            Vector256.GreaterThanOrEqual(values, literal) | ~Vector256.Equals(values, values);
    }

    private readonly struct EqualTo<T> : IComparison<T>
        where T : unmanaged, INumber<T>
    {
        public static bool Test(T value, T literal) => value == literal;

        public static Vector256<T> Mask(Vector256<T> values, Vector256<T> literal) => Vector256.Equals(values, literal);
    }
}
