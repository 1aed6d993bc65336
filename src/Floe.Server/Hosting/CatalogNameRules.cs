using Floe.Common.Errors;

namespace Floe.Server.Hosting;

/// <summary>
/// The rule for catalog names: they are REST prefixes and <c>warehouse</c> values and name the default warehouse
/// folder, so they stay plain.
/// </summary>
public static class CatalogNameRules
{
    public const int MaxLength = 128;

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>InvalidArgument unless <paramref name="name"/> is a valid catalog name.</summary>
    public static string Check(string? name) =>
        IsValid(name)
            ? name!
            : throw new FloeException(
                FloeErrorKind.InvalidArgument,
                $"'{name}' is not a catalog name: use up to {MaxLength} letters, digits, '_', '-' or '.', starting with a letter or digit.");
}
