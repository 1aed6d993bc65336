using System.Buffers;
using System.Globalization;
using System.Text;
using Floe.Common.Errors;

namespace Floe.Catalog;

/// <summary>
/// The rule every namespace level and table name follows, so that no name can leave the warehouse folder or hide
/// what it is: names become folders and parts of location URIs, and are shown to people.
/// </summary>
internal static class CatalogNames
{
    private const int MaxLength = 255;

    public static string Check(string? name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw Invalid($"Invalid {what}: the name is empty.");
        }

        if (name.Length > MaxLength)
        {
            throw Invalid($"Invalid {what} '{Printable(name[..32])}...': longer than {MaxLength} characters.");
        }

        CheckAsFolder(name, name, what);

        // Locations are URIs: a name that percent-decodes to '..' or 'a/b' would leave its folder once decoded.
        string decoded = Uri.UnescapeDataString(name);
        if (decoded != name)
        {
            CheckAsFolder(decoded, name, what);
        }

        return name;
    }

    private static void CheckAsFolder(string text, string name, string what)
    {
        string decoded = text == name ? "" : $" (percent-decoded '{Printable(text)}')";
        if (text.All(c => c is '.' || char.IsWhiteSpace(c)))
        {
            throw Invalid($"Invalid {what} '{Printable(name)}'{decoded}: a name made only of dots and spaces is not a name.");
        }

        if (text[0] == '.')
        {
            throw Invalid($"Invalid {what} '{Printable(name)}'{decoded}: names must not start with '.'.");
        }

        for (int i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int length) != OperationStatus.Done)
            {
                throw Invalid($"Invalid {what} '{Printable(name)}'{decoded}: it contains the unpaired surrogate U+{(int)text[i]:X4}.");
            }

            if (Refused(rune) is { } kind)
            {
                throw Invalid($"Invalid {what} '{Printable(name)}'{decoded}: it contains U+{rune.Value:X4} ({kind}); "
                    + "'/', '\\', ':', control, bidirectional and invisible characters are not allowed.");
            }

            i += length;
        }
    }

    /// <summary>Why a character may not be in a name, or null when it may.</summary>
    private static string? Refused(Rune rune) =>
        rune.Value switch
        {
            '/' or '\\' => "a path separator",
            ':' => "a drive or scheme separator",
            0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069) => "a bidirectional control",
            _ => Rune.GetUnicodeCategory(rune) switch
            {
                UnicodeCategory.Control => "a control character",
                UnicodeCategory.Format => "an invisible formatting character",
                UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => "a line break",
                _ => null,
            },
        };

    /// <summary>The name as it can be shown: every character a name may not hold is written as \u{xxxx}.</summary>
    private static string Printable(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int length) != OperationStatus.Done)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{{{(int)text[i]:x4}}}");
                length = 1;
            }
            else if (rune.Value is not ('/' or '\\' or ':') && Refused(rune) is not null)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{{{rune.Value:x4}}}");
            }
            else
            {
                builder.Append(text, i, length);
            }

            i += length;
        }

        return builder.ToString();
    }

    private static FloeException Invalid(string message) => new(FloeErrorKind.InvalidArgument, message);
}
