namespace Floe.Server.Configuration;

/// <summary>A catalog from the configuration file that the server serves but does not own.</summary>
/// <param name="Name">The catalog's name: the REST prefix and the <c>warehouse</c> value clients send.</param>
/// <param name="Warehouse">The warehouse directory (absolute).</param>
public sealed record ExternalCatalogOptions(string Name, string Warehouse);
