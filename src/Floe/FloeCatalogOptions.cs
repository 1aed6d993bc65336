using Floe.Core.IO;

namespace Floe;

/// <summary>What opening a catalog needs beyond its string.</summary>
public sealed record FloeCatalogOptions
{
    /// <summary>The bearer token of a REST catalog (a server running with <c>auth: token</c>); other catalogs ignore it.</summary>
    public string? Token { get; init; }

    /// <summary>The storage of a REST catalog's data and metadata files; null for local paths.</summary>
    public IFileIO? FileIO { get; init; }
}
