using Floe.Core.IO;

namespace Floe.Catalog;

/// <summary>What <see cref="CatalogUri.OpenAsync"/> needs beyond the catalog string.</summary>
public sealed record CatalogConnectOptions
{
    /// <summary>The bearer token a REST catalog's requests carry; null sends none. Other catalogs ignore it.</summary>
    public string? Token { get; init; }

    /// <summary>The storage of a REST catalog's data and metadata files; null for local paths.</summary>
    public IFileIO? FileIO { get; init; }
}
