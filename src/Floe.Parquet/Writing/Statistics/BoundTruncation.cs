using System.Text;

namespace Floe.Parquet.Writing.Statistics;

/// <summary>
/// Shortens long byte-string bounds so statistics stay small while remaining true bounds: a prefix of the minimum
/// is still a lower bound; a prefix of the maximum becomes an upper bound once its last byte (or, for UTF-8 text,
/// its last code point) is incremented. When no such increment exists the maximum is dropped.
/// </summary>
internal static class BoundTruncation
{
    /// <summary>A lower bound of at most <paramref name="limit"/> bytes; the value itself when it already fits.</summary>
    public static byte[] TruncateMin(ReadOnlySpan<byte> min, int limit, bool utf8)
    {
        if (min.Length <= limit)
        {
            return min.ToArray();
        }

        int length = utf8 ? Utf8PrefixLength(min, limit) : limit;
        return min[..length].ToArray();
    }

    /// <summary>An upper bound of at most <paramref name="limit"/> bytes, or null when none exists.</summary>
    public static byte[]? TruncateMax(ReadOnlySpan<byte> max, int limit, bool utf8)
    {
        if (max.Length <= limit)
        {
            return max.ToArray();
        }

        return utf8 ? IncrementUtf8Prefix(max, limit) : IncrementBinaryPrefix(max, limit);
    }

    private static byte[]? IncrementBinaryPrefix(ReadOnlySpan<byte> max, int limit)
    {
        byte[] prefix = max[..limit].ToArray();
        for (int i = prefix.Length - 1; i >= 0; i--)
        {
            if (prefix[i] != 0xFF)
            {
                prefix[i]++;
                return prefix.AsSpan(0, i + 1).ToArray();
            }
        }

        return null;
    }

    private static byte[]? IncrementUtf8Prefix(ReadOnlySpan<byte> max, int limit)
    {
        int length = Utf8PrefixLength(max, limit);
        while (length > 0)
        {
            // Step back over the last code point of the prefix and try to replace it by the next one.
            int start = length - 1;
            while (start > 0 && (max[start] & 0xC0) == 0x80)
            {
                start--;
            }

            if (Rune.DecodeFromUtf8(max[start..length], out Rune rune, out _) == System.Buffers.OperationStatus.Done
                && NextRune(rune) is Rune next
                && start + next.Utf8SequenceLength <= limit)
            {
                byte[] result = new byte[start + next.Utf8SequenceLength];
                max[..start].CopyTo(result);
                next.EncodeToUtf8(result.AsSpan(start));
                return result;
            }

            length = start;
        }

        return null;
    }

    private static Rune? NextRune(Rune rune)
    {
        int value = rune.Value + 1;
        if (value == 0xD800)
        {
            value = 0xE000;
        }

        return value > 0x10FFFF ? null : new Rune(value);
    }

    /// <summary>The longest prefix of at most <paramref name="limit"/> bytes that does not split a code point.</summary>
    private static int Utf8PrefixLength(ReadOnlySpan<byte> text, int limit)
    {
        int length = Math.Min(limit, text.Length);
        if (length < text.Length)
        {
            while (length > 0 && (text[length] & 0xC0) == 0x80)
            {
                length--;
            }
        }

        return length;
    }
}
