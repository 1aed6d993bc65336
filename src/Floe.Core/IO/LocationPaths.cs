using Floe.Common.Errors;

namespace Floe.Core.IO;

/// <summary>
/// Whether a file location lies under a folder location. Local paths and <c>file:</c> URIs are compared after
/// resolving <c>.</c> and <c>..</c>, so <c>/wh/t/../../etc/passwd</c> is not under <c>/wh/t</c>; object store URIs
/// are compared as text and may not hold <c>.</c> or <c>..</c> segments. A sibling such as <c>/wh/t2</c> is not
/// under <c>/wh/t</c>. Symbolic links are not followed.
/// </summary>
public static class LocationPaths
{
    /// <summary>The comparable form of a location: an absolute path or a URI, without a trailing <c>/</c>.</summary>
    /// <exception cref="FloeException">An empty or relative location, a bad file URI, or a URI with dot segments (kind InvalidArgument).</exception>
    public static string Normalize(string location)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "The location is empty.");
        }

        string normalized;
        if (location.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            normalized = Path.GetFullPath(FileUriPath(location)).Replace('\\', '/');
        }
        else if (location.Contains("://", StringComparison.Ordinal))
        {
            // Object store keys are taken literally, so a '.' or '..' segment must not be there to play tricks.
            if (location.Split('/').Any(segment => segment is "." or ".."))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Location '{location}' holds '.' or '..' segments.");
            }

            normalized = location.StartsWith("s3a://", StringComparison.Ordinal) || location.StartsWith("s3n://", StringComparison.Ordinal)
                ? "s3://" + location[6..]
                : location;
        }
        else
        {
            normalized = Path.IsPathFullyQualified(location)
                ? Path.GetFullPath(location).Replace('\\', '/')
                : throw new FloeException(FloeErrorKind.InvalidArgument, $"Location '{location}' is not absolute.");
        }

        string trimmed = normalized.TrimEnd('/');
        return trimmed.Length == 0 || trimmed.EndsWith(':') ? normalized : trimmed;
    }

    /// <summary>The path of <c>file:/p</c>, <c>file:///p</c> or <c>file://localhost/p</c>, percent-escapes decoded.</summary>
    private static string FileUriPath(string location)
    {
        string rest = location[5..];
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            int slash = rest.IndexOf('/', 2);
            string authority = slash < 0 ? rest[2..] : rest[2..slash];
            if (authority is not ("" or "localhost"))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Location '{location}' names another host.");
            }

            rest = slash < 0 ? "/" : rest[slash..];
        }

        string path = Uri.UnescapeDataString(rest);
        return path.StartsWith('/') && Path.IsPathFullyQualified(path)
            ? path
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"Location '{location}' is not a valid file URI.");
    }

    /// <summary>Whether <paramref name="location"/> is <paramref name="root"/> or lies inside it.</summary>
    public static bool IsUnder(string location, string root) => IsUnderNormalized(Normalize(location), Normalize(root));

    /// <summary><see cref="IsUnder"/> for locations already passed through <see cref="Normalize"/>.</summary>
    public static bool IsUnderNormalized(string location, string root) =>
        string.Equals(location, root, StringComparison.Ordinal)
        || location.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    /// <summary>A normalized location and every folder above it, nearest first (not the file system root or a URI's scheme).</summary>
    public static IEnumerable<string> SelfAndAncestors(string normalized)
    {
        ArgumentException.ThrowIfNullOrEmpty(normalized);
        for (string current = normalized; ;)
        {
            yield return current;
            int slash = current.LastIndexOf('/');
            if (slash <= 0 || current[slash - 1] == '/' || current[slash - 1] == ':')
            {
                yield break;
            }

            current = current[..slash];
        }
    }

    /// <summary>Whether one of two locations is, or lies inside, the other.</summary>
    public static bool Overlap(string first, string second)
    {
        string a = Normalize(first);
        string b = Normalize(second);
        return IsUnderNormalized(a, b) || IsUnderNormalized(b, a);
    }

    /// <summary>Throws unless <paramref name="location"/> lies under <paramref name="root"/>.</summary>
    /// <exception cref="FloeException">The location is outside the root or invalid (kind InvalidArgument).</exception>
    public static void RequireUnder(string location, string root, string what)
    {
        string normalized = Normalize(location);
        if (!IsUnderNormalized(normalized, Normalize(root)))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"{what} '{location}' is outside the table location {root}.");
        }
    }
}
