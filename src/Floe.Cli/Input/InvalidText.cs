using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Floe.Cli.Input;

/// <summary>
/// Carries input bytes that are not valid UTF-8 through decoded text so the value holding them can be refused by
/// line and column. <see cref="Utf8LineReader"/> turns each such byte into a lone surrogate U+DC80..U+DCFF (the byte's
/// value), which no valid UTF-8 decodes to; a lone surrogate in a value is therefore always an input error.
/// </summary>
internal static class InvalidText
{
    private const int ByteMarkerBase = 0xDC00;

    /// <summary>The character standing for invalid input byte <paramref name="value"/> (0x80..0xFF).</summary>
    public static char Marker(byte value) => (char)(ByteMarkerBase + value);

    /// <summary>The index of the first unpaired surrogate in <paramref name="text"/>, or -1 when it is well formed.</summary>
    public static int IndexOfUnpairedSurrogate(ReadOnlySpan<char> text)
    {
        int offset = 0;
        while (true)
        {
            int found = text[offset..].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (found < 0)
            {
                return -1;
            }

            int i = offset + found;
            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
            {
                return i;
            }

            offset = i + 2;
        }
    }

    /// <summary>What is wrong at <paramref name="index"/> (an unpaired surrogate), e.g. "byte 0xFF at offset 3".</summary>
    public static string Describe(ReadOnlySpan<char> text, int index)
    {
        char c = text[index];
        int at = Encoding.UTF8.GetByteCount(text[..index]);
        return c is >= '\uDC80' and <= '\uDCFF'
            ? $"byte 0x{c - ByteMarkerBase:X2} at offset {at}"
            : $"an unpaired surrogate U+{(int)c:X4} at offset {at}";
    }

    /// <summary>
    /// Encodes <paramref name="text"/> as UTF-8 into <paramref name="bytes"/> (at least 3 bytes per char), writing the
    /// original byte for each marker and an invalid sequence for any other unpaired surrogate, never U+FFFD.
    /// Returns the bytes written; <paramref name="valid"/> tells whether the text was well formed.
    /// </summary>
    public static int EncodeUtf8(ReadOnlySpan<char> text, Span<byte> bytes, out bool valid)
    {
        valid = true;
        int written = 0;
        while (true)
        {
            OperationStatus status = Utf8.FromUtf16(text, bytes[written..], out int read, out int count, replaceInvalidSequences: false);
            written += count;
            if (status != OperationStatus.InvalidData)
            {
                return written;
            }

            valid = false;
            char c = text[read];
            if (c is >= '\uDC80' and <= '\uDCFF')
            {
                bytes[written++] = (byte)(c - ByteMarkerBase);
            }
            else
            {
                // The generalized UTF-8 form of the surrogate: three bytes no validator accepts.
                bytes[written++] = (byte)(0xE0 | (c >> 12));
                bytes[written++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                bytes[written++] = (byte)(0x80 | (c & 0x3F));
            }

            text = text[(read + 1)..];
        }
    }
}
