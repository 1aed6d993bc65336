namespace Floe.Server.Rest;

/// <summary>What a route addresses, which decides the type of a plain NotFound.</summary>
internal enum RouteScope
{
    /// <summary>The catalog itself (config, namespace listing): missing means a missing namespace.</summary>
    Catalog,

    /// <summary>A namespace route: missing means a missing namespace.</summary>
    Namespace,

    /// <summary>A table route: missing is a missing namespace when the namespace is gone, else a missing table.</summary>
    Table,
}
