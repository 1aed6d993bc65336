namespace Floe.Catalog.Metastore;

/// <summary>What a metastore table is: a plain Iceberg table, or a primary-key table made of a base and a change store.</summary>
public enum TableFormat
{
    /// <summary>One Iceberg table; one metadata pointer.</summary>
    Iceberg,

    /// <summary>A primary-key table: Iceberg stores at <c>&lt;location&gt;/base</c> and <c>&lt;location&gt;/change</c>, one pointer each.</summary>
    PrimaryKey,
}

/// <summary>One of the two Iceberg stores of a primary-key table.</summary>
public enum TableStore
{
    /// <summary>The merged rows; what the REST catalog shows under the table's name. A plain table has only this store.</summary>
    Base,

    /// <summary>The change log of a primary-key table.</summary>
    Change,
}
