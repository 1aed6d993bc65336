using Floe.Common.Errors;
using Floe.Core.IO;

namespace Floe.Server.Rest;

/// <summary>
/// Keeps locations a client names (a table location, a registered metadata file, <c>set-location</c>) inside the
/// catalog's warehouse: relative paths, <c>..</c> segments that climb out and other folders are a 400.
/// </summary>
internal static class WarehouseLocations
{
    public static void RequireInside(string location, string warehouse, string what)
    {
        string normalized;
        try
        {
            normalized = LocationPaths.Normalize(location);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.InvalidArgument)
        {
            throw IcebergRestException.BadRequest($"Invalid {what}: {e.Message}");
        }

        if (!LocationPaths.IsUnderNormalized(normalized, LocationPaths.Normalize(warehouse)))
        {
            throw IcebergRestException.BadRequest($"Invalid {what} '{location}': it is outside the catalog's warehouse {warehouse}.");
        }
    }
}
