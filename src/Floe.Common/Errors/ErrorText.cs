using System.Globalization;
using System.Text;

namespace Floe.Common.Errors;

/// <summary>Renders input quoted in error messages: short, with control and non-printable characters escaped.</summary>
public static class ErrorText
{
    /// <summary>The most characters of input an error message quotes.</summary>
    public const int MaxExcerpt = 60;

    /// <summary>
    /// <paramref name="text"/> cut after about <paramref name="max"/> characters of output (then "..."), with control characters
    /// as \xNN and other non-printable characters (unassigned, surrogates, format, private use) as \uNNNN.
    /// </summary>
    public static string Excerpt(ReadOnlySpan<char> text, int max = MaxExcerpt)
    {
        var builder = new StringBuilder(Math.Min(text.Length, max) + 8);
        for (int i = 0; i < text.Length; i++)
        {
            if (builder.Length >= max)
            {
                return builder.Append("...").ToString();
            }

            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control:
                    builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
                    break;
                case UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate or UnicodeCategory.Format or UnicodeCategory.PrivateUse:
                    builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                    break;
                default:
                    builder.Append(c == '\uFFFD' ? "\\uFFFD" : c.ToString());
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Where in a JSON text a parser stopped, in Floe's words ("at line 1, byte 8"), without the parser's own text.</summary>
    public static string JsonPosition(System.Text.Json.JsonException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.LineNumber is long line && error.BytePositionInLine is long position
            ? string.Create(CultureInfo.InvariantCulture, $"at line {line + 1}, byte {position + 1}")
            : "at an unknown position";
    }
}
