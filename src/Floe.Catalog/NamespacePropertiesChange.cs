namespace Floe.Catalog;

/// <summary>
/// What an update of namespace properties did: keys set, keys removed, and keys asked to be removed that were not
/// there (the REST catalog reports all three).
/// </summary>
public sealed record NamespacePropertiesChange(
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Removed,
    IReadOnlyList<string> Missing);
