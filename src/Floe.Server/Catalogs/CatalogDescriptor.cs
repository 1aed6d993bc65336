namespace Floe.Server.Catalogs;

/// <summary>What the server knows of one catalog: its name, kind, warehouse location and properties.</summary>
public sealed record CatalogDescriptor(
    string Name,
    CatalogKind Kind,
    string Warehouse,
    IReadOnlyDictionary<string, string> Properties);

/// <summary>Who owns a catalog's table pointers.</summary>
public enum CatalogKind
{
    /// <summary>Stored in the metastore; created and dropped through the server.</summary>
    Internal,

    /// <summary>A filesystem warehouse (<c>vN.metadata.json</c> + <c>version-hint.text</c>) registered from configuration.</summary>
    FileSystem,
}
