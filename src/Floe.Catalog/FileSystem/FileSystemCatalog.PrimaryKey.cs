using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;

namespace Floe.Catalog.FileSystem;

/// <summary>
/// Primary-key tables in a filesystem warehouse: the table folder holds a <c>base/</c> and a <c>change/</c> store
/// folder, each an Iceberg table with its own <c>metadata/</c> and <c>data/</c>. Such a folder is listed as a table;
/// loading it as a plain table (<see cref="LoadTableAsync"/>) gives the base store, so engines see the base data.
/// </summary>
public sealed partial class FileSystemCatalog
{
    /// <summary>
    /// Creates a primary-key table: the change store first, then the base store, whose creation makes the table
    /// visible. Fails with AlreadyExists when a table of that name exists.
    /// </summary>
    public async Task<PrimaryKeyTable> CreatePrimaryKeyTableAsync(
        TableIdentifier identifier,
        Schema schema,
        IReadOnlyList<string> primaryKey,
        PartitionSpec? spec = null,
        IReadOnlyDictionary<string, string>? properties = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(primaryKey);
        RequireNamespace(identifier.Namespace);
        string root = RootPath(identifier);
        if (IsTableFolder(root))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Table {identifier} already exists.");
        }

        if (Directory.Exists(root) && Directory.EnumerateDirectories(root).Any(d => Path.GetFileName(d) is not (PrimaryKeyTableMetadata.BaseFolder or PrimaryKeyTableMetadata.ChangeFolder)))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Cannot create table {identifier}: a namespace of that name exists.");
        }

        await RequireOwnLocationAsync(identifier, root, cancellationToken).ConfigureAwait(false);
        (TableMetadata @base, TableMetadata change) = PrimaryKeyTableMetadata.Create(schema, spec, primaryKey, root, properties, _clock);
        var baseFolder = new TableFolder(Path.Combine(root, PrimaryKeyTableMetadata.BaseFolder));
        var changeFolder = new TableFolder(Path.Combine(root, PrimaryKeyTableMetadata.ChangeFolder));
        TableMetadata storedChange = await _committer.CommitAsync(changeFolder, $"{identifier} (change store)", null, change, cancellationToken).ConfigureAwait(false);
        TableMetadata storedBase;
        try
        {
            storedBase = await _committer.CommitAsync(baseFolder, identifier.ToString(), null, @base, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Directory.Delete(changeFolder.Path, recursive: true);
            throw;
        }

        return new PrimaryKeyTable(
            $"{Name}.{identifier}",
            new FileSystemTableOperations(_committer, baseFolder, identifier, storedBase, _io, RaiseCommitted),
            new FileSystemTableOperations(_committer, changeFolder, identifier, storedChange, _io, RaiseCommitted));
    }

    /// <summary>Whether the table exists and is a primary-key table.</summary>
    public Task<bool> IsPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return Task.FromResult(IsPrimaryKeyFolder(RootPath(identifier)));
    }

    /// <summary>Loads a primary-key table with both stores; NotFound when missing, InvalidArgument for a plain table.</summary>
    public async Task<PrimaryKeyTable> LoadPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        string root = RootPath(identifier);
        if (!IsPrimaryKeyFolder(root))
        {
            throw IsStoreFolder(root)
                ? new FloeException(FloeErrorKind.InvalidArgument, $"Table {identifier} has no primary key: it is a plain Iceberg table.")
                : NoSuchTable(identifier);
        }

        var baseFolder = new TableFolder(Path.Combine(root, PrimaryKeyTableMetadata.BaseFolder));
        var changeFolder = new TableFolder(Path.Combine(root, PrimaryKeyTableMetadata.ChangeFolder));
        TableMetadata @base = await _committer.TryLoadAsync(baseFolder, cancellationToken).ConfigureAwait(false) ?? throw NoSuchTable(identifier);
        TableMetadata change = await _committer.TryLoadAsync(changeFolder, cancellationToken).ConfigureAwait(false) ?? throw NoSuchTable(identifier);
        return new PrimaryKeyTable(
            $"{Name}.{identifier}",
            new FileSystemTableOperations(_committer, baseFolder, identifier, @base, _io, RaiseCommitted),
            new FileSystemTableOperations(_committer, changeFolder, identifier, change, _io, RaiseCommitted));
    }

    /// <summary>Whether the folder is a primary-key table: no metadata of its own, and both store folders are tables.</summary>
    private bool IsPrimaryKeyFolder(string folder) =>
        !IsStoreFolder(folder)
        && IsStoreFolder(Path.Combine(folder, PrimaryKeyTableMetadata.BaseFolder))
        && IsStoreFolder(Path.Combine(folder, PrimaryKeyTableMetadata.ChangeFolder));

    private async Task<bool> DropPrimaryKeyTableAsync(TableIdentifier identifier, bool purge, CancellationToken cancellationToken)
    {
        string root = RootPath(identifier);
        TableFolder[] stores = [new(Path.Combine(root, PrimaryKeyTableMetadata.BaseFolder)), new(Path.Combine(root, PrimaryKeyTableMetadata.ChangeFolder))];
        if (purge)
        {
            // Everything the stores may own lies in the table folder; files their metadata names elsewhere stay.
            Directory.Delete(root, recursive: true);
            return true;
        }

        // The base store goes first: once its versions are gone the folder is no longer a table.
        foreach (TableFolder store in stores)
        {
            File.Delete(store.VersionHintPath);
            foreach (string name in _storage.ListFileNames(store.MetadataPath).ToList())
            {
                if (TableFolder.ParseVersionFileName(name) is not null)
                {
                    File.Delete(Path.Combine(store.MetadataPath, name));
                }
            }
        }

        return true;
    }

    private async Task RenamePrimaryKeyTableAsync(TableIdentifier from, TableIdentifier to, CancellationToken cancellationToken)
    {
        PrimaryKeyTable source = await LoadPrimaryKeyTableAsync(from, cancellationToken).ConfigureAwait(false);
        RequireNamespace(to.Namespace);
        if (source.BaseTable.Metadata.Snapshots.Count > 0 || source.ChangeTable.Metadata.Snapshots.Count > 0)
        {
            throw new FloeException(FloeErrorKind.Unsupported,
                $"Cannot rename table {from} to {to}: the filesystem catalog keeps a table at its folder, and a table with snapshots refers to its files by absolute path.");
        }

        string target = RootPath(to);
        if (Directory.Exists(target))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, IsTableFolder(target)
                ? $"Cannot rename table {from}: table {to} already exists."
                : $"Cannot rename table {from}: {to} is a namespace.");
        }

        try
        {
            Directory.Move(RootPath(from), target);
        }
        catch (IOException e) when (Directory.Exists(target))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Cannot rename table {from}: {to} was created concurrently.", e);
        }

        foreach (string store in new[] { PrimaryKeyTableMetadata.BaseFolder, PrimaryKeyTableMetadata.ChangeFolder })
        {
            var folder = new TableFolder(Path.Combine(target, store));
            TableMetadata moved = await _committer.TryLoadAsync(folder, cancellationToken).ConfigureAwait(false) ?? throw NoSuchTable(to);
            TableMetadata relocated = TableMetadataBuilder.From(moved, _clock).SetLocation(folder.Path).Build();
            await _committer.CommitAsync(folder, to.ToString(), moved, relocated, cancellationToken).ConfigureAwait(false);
        }
    }
}
