namespace Floe.Parquet.Encodings;

/// <summary>Checks over byte-string values held back to back (values split by an offsets array, one more entry than values).</summary>
internal static class ByteStrings
{
    /// <summary>
    /// Whether every value equals the first: all have its length, and the bytes repeat with that period (the bytes
    /// equal themselves shifted by one value, a vectorized compare that stops at the first difference).
    /// </summary>
    public static bool AreAllEqual(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> bytes)
    {
        int count = offsets.Length - 1;
        if (count < 2)
        {
            return true;
        }

        int length = offsets[1] - offsets[0];
        for (int i = 2; i <= count; i++)
        {
            if (offsets[i] - offsets[i - 1] != length)
            {
                return false;
            }
        }

        ReadOnlySpan<byte> values = bytes[offsets[0]..offsets[count]];
        return length == 0 || values[length..].SequenceEqual(values[..^length]);
    }
}
