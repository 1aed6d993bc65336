using Floe.Common.Errors;

namespace Floe.Core.IO;

/// <summary>
/// Maps location prefixes (such as <c>s3://bucket/warehouse</c>) to local folders, so tables whose metadata names
/// remote locations can be read from a local copy. The S3 schemes <c>s3</c>, <c>s3a</c> and <c>s3n</c> are treated
/// alike; the longest matching prefix wins.
/// </summary>
public sealed class LocationMapper
{
    private readonly List<(string Prefix, string Folder)> _rules = [];

    /// <summary>Maps every location under <paramref name="locationPrefix"/> into <paramref name="localFolder"/>.</summary>
    public LocationMapper Add(string locationPrefix, string localFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(locationPrefix);
        ArgumentException.ThrowIfNullOrEmpty(localFolder);
        _rules.Add((Normalize(locationPrefix).TrimEnd('/') + "/", Path.GetFullPath(localFolder)));
        _rules.Sort((a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
        return this;
    }

    public int Count => _rules.Count;

    /// <summary>The local path of a mapped location.</summary>
    /// <exception cref="FloeException">The relative part climbs out of the folder with <c>..</c> (kind InvalidArgument).</exception>
    public bool TryMap(string location, out string localPath)
    {
        ArgumentNullException.ThrowIfNull(location);
        string normalized = Normalize(location);
        foreach ((string prefix, string folder) in _rules)
        {
            if (normalized.StartsWith(prefix, StringComparison.Ordinal) || normalized + "/" == prefix)
            {
                string relative = normalized.Length > prefix.Length ? normalized[prefix.Length..] : "";
                localPath = Combine(folder, relative, location);
                return true;
            }
        }

        localPath = "";
        return false;
    }

    /// <summary>The location of a local path under one of the folders (the inverse of <see cref="TryMap"/>).</summary>
    public bool TryUnmap(string localPath, out string location)
    {
        string full = Path.GetFullPath(localPath);
        foreach ((string prefix, string folder) in _rules)
        {
            if (full == folder || full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                location = prefix + full[Math.Min(full.Length, folder.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/');
                return true;
            }
        }

        location = "";
        return false;
    }

    internal static string Combine(string folder, string relative, string location)
    {
        foreach (string segment in relative.Split('/'))
        {
            if (segment is ".." || segment.Contains('\\', StringComparison.Ordinal) && Path.DirectorySeparatorChar == '\\')
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Location '{location}' climbs out of its mapped folder.");
            }
        }

        return relative.Length == 0 ? folder : Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));
    }

    private static string Normalize(string location) =>
        location.StartsWith("s3a://", StringComparison.Ordinal) || location.StartsWith("s3n://", StringComparison.Ordinal)
            ? "s3://" + location[6..]
            : location;
}
