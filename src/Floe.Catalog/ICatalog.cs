using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.PrimaryKeys;
using Floe.Table.Operations;

namespace Floe.Catalog;

/// <summary>
/// Namespaces and tables, and the atomic swap of a table's metadata that every commit goes through.
/// Failures are <see cref="Floe.Common.Errors.FloeException"/>s: NotFound, AlreadyExists, InvalidArgument (bad names),
/// NotEmpty (dropping a namespace that holds something), CommitConflict (a concurrent commit won) and Unsupported
/// (a valid request this catalog cannot serve, such as a multi-table commit in the filesystem catalog).
/// </summary>
public interface ICatalog
{
    /// <summary>A short name for messages and configuration.</summary>
    string Name { get; }

    Task CreateNamespaceAsync(Namespace @namespace, CancellationToken cancellationToken = default);

    /// <summary>Creates a namespace holding <paramref name="properties"/>.</summary>
    Task CreateNamespaceAsync(Namespace @namespace, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default);

    /// <summary>A namespace's properties (empty when none were set); NotFound when the namespace does not exist.</summary>
    Task<IReadOnlyDictionary<string, string>> LoadNamespacePropertiesAsync(Namespace @namespace, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes <paramref name="removals"/> and sets <paramref name="updates"/> in one step. A key in both is
    /// InvalidArgument. The result lists the keys set, the keys removed and the removals that were not present.
    /// </summary>
    Task<NamespacePropertiesChange> UpdateNamespacePropertiesAsync(
        Namespace @namespace,
        IReadOnlyCollection<string> removals,
        IReadOnlyDictionary<string, string> updates,
        CancellationToken cancellationToken = default);

    Task<bool> NamespaceExistsAsync(Namespace @namespace, CancellationToken cancellationToken = default);

    /// <summary>The namespaces directly below <paramref name="parent"/> (the root when empty), sorted by name.</summary>
    Task<IReadOnlyList<Namespace>> ListNamespacesAsync(Namespace parent, CancellationToken cancellationToken = default);

    /// <summary>Drops an empty namespace; false when it did not exist, NotEmpty when it holds tables or namespaces.</summary>
    Task<bool> DropNamespaceAsync(Namespace @namespace, CancellationToken cancellationToken = default);

    /// <summary>The tables directly in <paramref name="namespace"/>, sorted by name.</summary>
    Task<IReadOnlyList<TableIdentifier>> ListTablesAsync(Namespace @namespace, CancellationToken cancellationToken = default);

    Task<bool> TableExistsAsync(TableIdentifier identifier, CancellationToken cancellationToken = default);

    /// <summary>Creates a table (fresh field ids as <see cref="NewTable"/> assigns them) and returns its first metadata.</summary>
    Task<TableMetadata> CreateTableAsync(
        TableIdentifier identifier,
        Schema schema,
        PartitionSpec? spec = null,
        SortOrder? sortOrder = null,
        IReadOnlyDictionary<string, string>? properties = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a table at <paramref name="location"/> (null: <see cref="DefaultTableLocationAsync"/>) and returns its
    /// first metadata.
    /// </summary>
    Task<TableMetadata> CreateTableAsync(
        TableIdentifier identifier,
        Schema schema,
        PartitionSpec? spec,
        SortOrder? sortOrder,
        IReadOnlyDictionary<string, string>? properties,
        string? location,
        CancellationToken cancellationToken = default);

    /// <summary>Where a new table of that name is placed when its creator names no location (the table need not exist; its namespace must).</summary>
    Task<string> DefaultTableLocationAsync(TableIdentifier identifier, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the metadata file at <paramref name="metadataFileLocation"/> the current metadata of table
    /// <paramref name="identifier"/>. AlreadyExists when the table exists, unless <paramref name="overwrite"/>, which
    /// replaces its pointer without any check.
    /// </summary>
    Task<TableMetadata> RegisterTableAsync(TableIdentifier identifier, string metadataFileLocation, bool overwrite = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Loads a table: its current metadata (<see cref="IcebergTable.Metadata"/>, with
    /// <see cref="TableMetadata.MetadataFileLocation"/> set) and the operations that refresh it and commit through this
    /// catalog (<see cref="IcebergTable.Operations"/>). A primary-key table loads as its base store; use
    /// <see cref="LoadPrimaryKeyTableAsync"/> for both stores. NotFound when the table does not exist.
    /// </summary>
    Task<IcebergTable> LoadTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default);

    /// <summary>Swaps <paramref name="baseMetadata"/> for <paramref name="updated"/>; CommitConflict when the base is stale.</summary>
    Task<TableMetadata> CommitTableAsync(TableIdentifier identifier, TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default);

    /// <summary>
    /// The REST form of a commit: checks <paramref name="requirements"/> against the current metadata (a failed one is a
    /// CommitConflict), applies <paramref name="updates"/> and stores the result. With <c>assert-create</c> it creates the table.
    /// </summary>
    Task<TableMetadata> CommitTableAsync(
        TableIdentifier identifier,
        IReadOnlyList<UpdateRequirement> requirements,
        IReadOnlyList<MetadataUpdate> updates,
        CancellationToken cancellationToken = default);

    /// <summary>True when <see cref="CommitTransactionAsync"/> accepts more than one table.</summary>
    bool SupportsMultiTableCommit { get; }

    /// <summary>
    /// Commits several tables atomically: every table's requirements hold and all new metadata becomes current, or
    /// nothing changes (CommitConflict). Returns the new metadata in the order of <paramref name="commits"/>. A catalog
    /// without <see cref="SupportsMultiTableCommit"/> accepts one table only and raises Unsupported for more.
    /// </summary>
    Task<IReadOnlyList<TableMetadata>> CommitTransactionAsync(IReadOnlyList<TableCommit> commits, CancellationToken cancellationToken = default);

    /// <summary>Drops a table; with <paramref name="purge"/> its data and metadata files are deleted too. False when it did not exist.</summary>
    Task<bool> DropTableAsync(TableIdentifier identifier, bool purge, CancellationToken cancellationToken = default);

    Task RenameTableAsync(TableIdentifier from, TableIdentifier to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a primary-key table: a base and a change store, both Iceberg tables, keyed by
    /// <paramref name="primaryKey"/> (required primitive columns). The table is listed and loads as its base store.
    /// AlreadyExists when a table of that name exists.
    /// </summary>
    Task<PrimaryKeyTable> CreatePrimaryKeyTableAsync(
        TableIdentifier identifier,
        Schema schema,
        IReadOnlyList<string> primaryKey,
        PartitionSpec? spec = null,
        IReadOnlyDictionary<string, string>? properties = null,
        CancellationToken cancellationToken = default);

    /// <summary>Whether the table exists and is a primary-key table (false when it does not exist).</summary>
    Task<bool> IsPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default);

    /// <summary>Loads a primary-key table with both stores; NotFound when missing, InvalidArgument for a plain table.</summary>
    Task<PrimaryKeyTable> LoadPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default);
}
