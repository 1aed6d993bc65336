using System.Text;

namespace Floe.Table.Data.Metrics;

/// <summary>
/// Cuts string and binary bounds to a length while keeping them bounds: a lower bound becomes a prefix, an upper
/// bound a prefix whose last unit is incremented. Strings are cut by code points and stay valid UTF-8.
/// </summary>
public static class BoundTruncation
{
    /// <summary>The first <paramref name="length"/> code points of a UTF-8 lower bound.</summary>
    public static byte[] TruncateStringLower(ReadOnlySpan<byte> utf8, int length)
    {
        int cut = PrefixByteLength(utf8, length);
        return utf8[..cut].ToArray();
    }

    /// <summary>
    /// An upper bound of at most <paramref name="length"/> code points no smaller than <paramref name="utf8"/>,
    /// or null when none exists (every remaining code point is U+10FFFF).
    /// </summary>
    public static byte[]? TruncateStringUpper(ReadOnlySpan<byte> utf8, int length)
    {
        int cut = PrefixByteLength(utf8, length);
        if (cut == utf8.Length)
        {
            return utf8.ToArray();
        }

        string prefix = Encoding.UTF8.GetString(utf8[..cut]);
        var runes = new List<Rune>(length);
        foreach (Rune rune in prefix.EnumerateRunes())
        {
            runes.Add(rune);
        }

        for (int i = runes.Count - 1; i >= 0; i--)
        {
            int next = runes[i].Value + 1;
            if (next is >= 0xD800 and <= 0xDFFF)
            {
                next = 0xE000;
            }

            if (next <= 0x10FFFF)
            {
                var builder = new StringBuilder();
                for (int j = 0; j < i; j++)
                {
                    builder.Append(runes[j].ToString());
                }

                builder.Append(new Rune(next).ToString());
                return Encoding.UTF8.GetBytes(builder.ToString());
            }
        }

        return null;
    }

    /// <summary>The first <paramref name="length"/> bytes of a binary lower bound.</summary>
    public static byte[] TruncateBinaryLower(ReadOnlySpan<byte> value, int length) =>
        value[..Math.Min(length, value.Length)].ToArray();

    /// <summary>An upper bound of at most <paramref name="length"/> bytes, or null when none exists (all 0xFF).</summary>
    public static byte[]? TruncateBinaryUpper(ReadOnlySpan<byte> value, int length)
    {
        if (value.Length <= length)
        {
            return value.ToArray();
        }

        for (int i = length - 1; i >= 0; i--)
        {
            if (value[i] != 0xFF)
            {
                byte[] upper = value[..(i + 1)].ToArray();
                upper[i]++;
                return upper;
            }
        }

        return null;
    }

    private static int PrefixByteLength(ReadOnlySpan<byte> utf8, int codePoints)
    {
        int position = 0;
        for (int count = 0; count < codePoints && position < utf8.Length; count++)
        {
            byte lead = utf8[position];
            int width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            position = Math.Min(utf8.Length, position + width);
        }

        return position;
    }
}
