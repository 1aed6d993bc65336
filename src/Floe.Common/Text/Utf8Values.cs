using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Floe.Common.Text;

/// <summary>
/// Checks that byte strings stored back to back (as in a <see cref="Columnar.BinaryVector"/> or a decoded page) are
/// each valid UTF-8. The concatenation is validated at once (vectorized); it is valid and no value starts with a
/// continuation byte exactly when every value is valid, since a boundary inside a sequence is followed by one.
/// </summary>
public static class Utf8Values
{
    /// <summary>
    /// The index of the first value that is not valid UTF-8, or -1 when all are. Value <c>i</c> spans
    /// <c>bytes[(ends[i - 1] - baseOffset)..(ends[i] - baseOffset)]</c>, the first starting at byte 0.
    /// </summary>
    public static int FindInvalid(ReadOnlySpan<byte> bytes, ReadOnlySpan<int> ends, int baseOffset)
    {
        if (ends.IsEmpty)
        {
            return -1;
        }

        ReadOnlySpan<byte> all = bytes[..(ends[^1] - baseOffset)];
        if (Ascii.IsValid(all))
        {
            // No multi-byte sequence, so no boundary can fall inside one.
            return -1;
        }

        int start = 0;
        if (Utf8.IsValid(all))
        {
            // A value starting inside a sequence means the last non-empty value before it ends inside one.
            int lastNonEmpty = -1;
            for (int i = 0; i < ends.Length; i++)
            {
                int end = ends[i] - baseOffset;
                if (end > start)
                {
                    if (IsContinuation(all[start]))
                    {
                        return lastNonEmpty;
                    }

                    lastNonEmpty = i;
                }

                start = end;
            }

            return -1;
        }

        for (int i = 0; i < ends.Length; i++)
        {
            int end = ends[i] - baseOffset;
            if (!Utf8.IsValid(all[start..end]))
            {
                return i;
            }

            start = end;
        }

        return -1;
    }

    /// <summary>Where <paramref name="value"/> stops being valid UTF-8, for error messages ("byte 0xFF at offset 3").</summary>
    public static string DescribeInvalid(ReadOnlySpan<byte> value)
    {
        int valid = ValidPrefixLength(value);
        return valid >= value.Length ? "no invalid byte" : $"byte 0x{value[valid]:X2} at offset {valid}";
    }

    /// <summary>The number of leading bytes of <paramref name="value"/> that form complete, valid UTF-8 sequences.</summary>
    public static int ValidPrefixLength(ReadOnlySpan<byte> value)
    {
        int position = 0;
        while (position < value.Length)
        {
            OperationStatus status = Rune.DecodeFromUtf8(value[position..], out _, out int consumed);
            if (status != OperationStatus.Done)
            {
                return position;
            }

            position += consumed;
        }

        return position;
    }

    private static bool IsContinuation(byte value) => (value & 0xC0) == 0x80;
}
