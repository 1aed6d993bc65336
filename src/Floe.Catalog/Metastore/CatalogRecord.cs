namespace Floe.Catalog.Metastore;

/// <summary>An internal catalog as the metastore keeps it.</summary>
public sealed record CatalogRecord(
    string Name,
    string Warehouse,
    IReadOnlyDictionary<string, string> Properties,
    long CreatedMs);
