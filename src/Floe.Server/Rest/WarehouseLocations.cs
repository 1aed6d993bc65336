namespace Floe.Server.Rest;

/// <summary>
/// Keeps locations a client names (a table location, a registered metadata file, <c>set-location</c>) inside the
/// catalog's warehouse: relative paths, <c>..</c> segments that climb out and other folders are a 400.
/// </summary>
internal static class WarehouseLocations
{
    public static void RequireInside(string location, string warehouse, string what)
    {
        string normalized = Normalize(location, what);
        string root = Normalize(warehouse, "warehouse").TrimEnd('/');
        if (!string.Equals(normalized, root, StringComparison.Ordinal) && !normalized.StartsWith(root + "/", StringComparison.Ordinal))
        {
            throw IcebergRestException.BadRequest($"Invalid {what} '{location}': it is outside the catalog's warehouse {warehouse}.");
        }
    }

    private static string Normalize(string location, string what)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            throw IcebergRestException.BadRequest($"Invalid {what}: the location is empty.");
        }

        if (location.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.IsFile
                ? Path.GetFullPath(uri.LocalPath).Replace('\\', '/')
                : throw IcebergRestException.BadRequest($"Invalid {what} '{location}': not a valid file URI.");
        }

        if (location.Contains("://", StringComparison.Ordinal))
        {
            // Object store URIs are compared as text, so a '.' or '..' segment must not be there to play tricks.
            if (location.Split('/').Any(segment => segment is "." or ".."))
            {
                throw IcebergRestException.BadRequest($"Invalid {what} '{location}': '.' and '..' segments are not allowed.");
            }

            return location;
        }

        return Path.IsPathFullyQualified(location)
            ? Path.GetFullPath(location).Replace('\\', '/')
            : throw IcebergRestException.BadRequest($"Invalid {what} '{location}': the location must be absolute.");
    }
}
