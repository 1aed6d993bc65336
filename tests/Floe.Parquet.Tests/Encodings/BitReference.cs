namespace Floe.Parquet.Tests.Encodings;

/// <summary>Deliberately simple bit-at-a-time packing used as the reference for the fast paths.</summary>
internal static class BitReference
{
    public static ulong[] Unpack(ReadOnlySpan<byte> src, int count, int bitWidth)
    {
        var result = new ulong[count];
        long bit = 0;
        for (int i = 0; i < count; i++)
        {
            ulong v = 0;
            for (int b = 0; b < bitWidth; b++, bit++)
            {
                if ((src[(int)(bit / 8)] >> (int)(bit % 8) & 1) != 0)
                {
                    v |= 1UL << b;
                }
            }

            result[i] = v;
        }

        return result;
    }

    public static byte[] Pack(ReadOnlySpan<ulong> values, int bitWidth)
    {
        var result = new byte[(values.Length * (long)bitWidth + 7) / 8];
        long bit = 0;
        foreach (ulong v in values)
        {
            for (int b = 0; b < bitWidth; b++, bit++)
            {
                if ((v >> b & 1) != 0)
                {
                    result[bit / 8] |= (byte)(1 << (int)(bit % 8));
                }
            }
        }

        return result;
    }

    public static ulong Mask(int bitWidth) => bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
}
