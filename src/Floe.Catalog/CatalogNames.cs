using Floe.Common.Errors;

namespace Floe.Catalog;

/// <summary>The rule every namespace level and table name follows, so that no name can leave the warehouse folder.</summary>
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
            throw Invalid($"Invalid {what} '{name[..32]}...': longer than {MaxLength} characters.");
        }

        if (name is "." or "..")
        {
            throw Invalid($"Invalid {what} '{name}': '.' and '..' are not names.");
        }

        if (name[0] == '.')
        {
            throw Invalid($"Invalid {what} '{name}': names must not start with '.'.");
        }

        foreach (char c in name)
        {
            if (c is '/' or '\\' or ':' || char.IsControl(c))
            {
                throw Invalid($"Invalid {what} '{Printable(name)}': it contains '{Printable(c.ToString())}'; '/', '\\', ':' and control characters are not allowed.");
            }
        }

        return name;
    }

    private static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));

    private static FloeException Invalid(string message) => new(FloeErrorKind.InvalidArgument, message);
}
