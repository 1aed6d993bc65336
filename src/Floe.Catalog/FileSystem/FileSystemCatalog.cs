using Floe.Common.Errors;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.PrimaryKeys.Model;
using Floe.Table.Operations;

namespace Floe.Catalog.FileSystem;

/// <summary>
/// A catalog kept entirely in a warehouse folder: namespaces are folders, a table is a folder with
/// <c>metadata/vN.metadata.json</c> files and <c>metadata/version-hint.text</c>, and the table folder is the table
/// location. Commits rely only on an atomic create-if-absent of the next version file, so any number of processes on
/// one filesystem may commit to the same table.
/// </summary>
public sealed partial class FileSystemCatalog : ICatalog, ICommitObservable
{
    private readonly string _warehouse;
    private readonly IMetadataStorage _storage;
    private readonly MetadataCommitter _committer;
    private readonly TimeProvider? _clock;
    private readonly IFileIO _io = new LocalFileIO();

    /// <summary>Opens (and creates if needed) the warehouse folder.</summary>
    public FileSystemCatalog(string warehouse, string name = "filesystem", TimeProvider? clock = null)
        : this(warehouse, name, LocalMetadataStorage.Instance, clock)
    {
    }

    internal FileSystemCatalog(string warehouse, string name, IMetadataStorage storage, TimeProvider? clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(warehouse);
        _warehouse = Path.GetFullPath(warehouse);
        Directory.CreateDirectory(_warehouse);
        Name = name;
        _storage = storage;
        _committer = new MetadataCommitter(storage);
        _clock = clock;
    }

    public string Name { get; }

    public event Action<TableIdentifier>? TableCommitted;

    /// <summary>The absolute warehouse folder.</summary>
    public string Warehouse => _warehouse;

    public Task CreateNamespaceAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        CheckNotRoot(@namespace);
        string folder = NamespacePath(@namespace);
        if (Directory.Exists(folder))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, IsTableFolder(folder)
                ? $"Cannot create namespace {@namespace}: a table of that name exists."
                : $"Namespace {@namespace} already exists.");
        }

        CheckNoTableAbove(@namespace);
        Directory.CreateDirectory(folder);
        return Task.CompletedTask;
    }

    public Task<bool> NamespaceExistsAsync(Namespace @namespace, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsNamespaceFolder(@namespace));

    public Task<IReadOnlyList<Namespace>> ListNamespacesAsync(Namespace parent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        RequireNamespace(parent);
        IReadOnlyList<Namespace> children = [.. ChildFolders(NamespacePath(parent))
            .Where(child => !IsTableFolder(child.Path))
            .Select(child => parent.Child(child.Name))];
        return Task.FromResult(children);
    }

    public Task<bool> DropNamespaceAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        CheckNotRoot(@namespace);
        if (!IsNamespaceFolder(@namespace))
        {
            return Task.FromResult(false);
        }

        string folder = NamespacePath(@namespace);
        if (Directory.EnumerateDirectories(folder).Any())
        {
            throw new FloeException(FloeErrorKind.NotEmpty, $"Cannot drop namespace {@namespace}: it is not empty.");
        }

        Directory.Delete(folder, recursive: true);
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<TableIdentifier>> ListTablesAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        CheckNotRoot(@namespace);
        RequireNamespace(@namespace);
        IReadOnlyList<TableIdentifier> tables = [.. ChildFolders(NamespacePath(@namespace))
            .Where(child => IsTableFolder(child.Path))
            .Select(child => new TableIdentifier(@namespace, child.Name))];
        return Task.FromResult(tables);
    }

    public async Task<bool> TableExistsAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return await VersionResolver.FindCurrentAsync(_storage, Folder(identifier), cancellationToken).ConfigureAwait(false) is not null;
    }

    public Task<TableMetadata> CreateTableAsync(
        TableIdentifier identifier,
        Schema schema,
        PartitionSpec? spec = null,
        SortOrder? sortOrder = null,
        IReadOnlyDictionary<string, string>? properties = null,
        CancellationToken cancellationToken = default) =>
        CreateTableAsync(identifier, schema, spec, sortOrder, properties, location: null, cancellationToken);

    public async Task<IcebergTable> LoadTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        var current = await LoadMetadataAsync(identifier, cancellationToken).ConfigureAwait(false);
        return new IcebergTable($"{Name}.{identifier}", new FileSystemTableOperations(_committer, Folder(identifier), identifier, current, _io, RaiseCommitted));
    }

    private async Task<TableMetadata> LoadMetadataAsync(TableIdentifier identifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return await _committer.TryLoadAsync(Folder(identifier), cancellationToken).ConfigureAwait(false)
            ?? throw NoSuchTable(identifier);
    }

    public async Task<TableMetadata> CommitTableAsync(TableIdentifier identifier, TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(baseMetadata);
        var stored = await _committer.CommitAsync(Folder(identifier), identifier.ToString(), baseMetadata, updated, cancellationToken).ConfigureAwait(false);
        RaiseCommitted(identifier);
        return stored;
    }

    public async Task<TableMetadata> CommitTableAsync(
        TableIdentifier identifier,
        IReadOnlyList<UpdateRequirement> requirements,
        IReadOnlyList<MetadataUpdate> updates,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(requirements);
        ArgumentNullException.ThrowIfNull(updates);
        var folder = Folder(identifier);
        for (int attempt = 1; ; attempt++)
        {
            var current = await _committer.TryLoadAsync(folder, cancellationToken).ConfigureAwait(false);
            foreach (var requirement in requirements)
            {
                requirement.Validate(current);
            }

            if (current is null)
            {
                if (!requirements.Any(r => r is UpdateRequirement.AssertCreate))
                {
                    throw NoSuchTable(identifier);
                }

                RequireNamespace(identifier.Namespace);
                var created = TableMetadataBuilder.ForNewTable(clock: _clock).SetLocation(folder.Path).Apply(updates).Build();
                TableLocationRules.RequireAddedInside(created, updates);
                return await CreateAsync(identifier, folder, created, cancellationToken).ConfigureAwait(false);
            }

            var updated = TableMetadataBuilder.From(current, _clock).Apply(updates).Build();
            TableLocationRules.RequireAddedInside(updated, updates);
            if (!string.Equals(updated.Location, current.Location, StringComparison.Ordinal))
            {
                await RequireOwnLocationAsync(identifier, updated.Location, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                var stored = await _committer.CommitAsync(folder, identifier.ToString(), current, updated, cancellationToken).ConfigureAwait(false);
                RaiseCommitted(identifier);
                return stored;
            }
            catch (FloeException e) when (e.Kind == FloeErrorKind.CommitConflict && attempt < LostRaces.MaxAttempts)
            {
                // Another commit took the next version after this one loaded: plan again on it (requirements re-checked).
            }
        }
    }

    private void RaiseCommitted(TableIdentifier identifier) => TableCommitted?.Invoke(identifier);

    public async Task<bool> DropTableAsync(TableIdentifier identifier, bool purge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (IsPrimaryKeyFolder(RootPath(identifier)))
        {
            return await DropPrimaryKeyTableAsync(identifier, purge, cancellationToken).ConfigureAwait(false);
        }

        var folder = Folder(identifier);
        if (await VersionResolver.FindCurrentAsync(_storage, folder, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        if (purge)
        {
            // Files under the table's location go first (it may differ from the folder), then the folder. Files the
            // metadata names elsewhere belong to no one this catalog can vouch for: they stay.
            var metadata = await _committer.TryLoadAsync(folder, cancellationToken).ConfigureAwait(false);
            if (metadata is not null)
            {
                await TablePurge.DeleteReachableAsync(_io, metadata, [metadata.Location, folder.Path], cancellationToken).ConfigureAwait(false);
            }

            Directory.Delete(folder.Path, recursive: true);
            return true;
        }

        // Without purge only the catalog entry goes: the version files and the hint. Data files and manifests stay.
        File.Delete(folder.VersionHintPath);
        foreach (string name in _storage.ListFileNames(folder.MetadataPath).ToList())
        {
            if (TableFolder.ParseVersionFileName(name) is not null)
            {
                File.Delete(Path.Combine(folder.MetadataPath, name));
            }
        }

        return true;
    }

    public async Task RenameTableAsync(TableIdentifier from, TableIdentifier to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (IsPrimaryKeyFolder(RootPath(from)))
        {
            await RenamePrimaryKeyTableAsync(from, to, cancellationToken).ConfigureAwait(false);
            return;
        }

        var source = await LoadMetadataAsync(from, cancellationToken).ConfigureAwait(false);
        RequireNamespace(to.Namespace);
        if (source.Snapshots.Count > 0)
        {
            // Manifest lists and manifests hold absolute paths under the table folder; moving it would break them.
            throw new FloeException(FloeErrorKind.Unsupported,
                $"Cannot rename table {from} to {to}: the filesystem catalog keeps a table at its folder, and a table with snapshots refers to its files by absolute path.");
        }

        var target = Folder(to);
        if (Directory.Exists(target.Path))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, IsTableFolder(target.Path)
                ? $"Cannot rename table {from}: table {to} already exists."
                : $"Cannot rename table {from}: {to} is a namespace.");
        }

        try
        {
            Directory.Move(Folder(from).Path, target.Path);
        }
        catch (IOException e) when (Directory.Exists(target.Path))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Cannot rename table {from}: {to} was created concurrently.", e);
        }

        var moved = await LoadMetadataAsync(to, cancellationToken).ConfigureAwait(false);
        var relocated = TableMetadataBuilder.From(moved, _clock).SetLocation(target.Path).Build();
        await _committer.CommitAsync(target, to.ToString(), moved, relocated, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TableMetadata> CreateAsync(TableIdentifier identifier, TableFolder folder, TableMetadata metadata, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder.Path) && !IsTableFolder(folder.Path) && Directory.EnumerateDirectories(folder.Path).Any(d => !IsTableInternalFolder(d)))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Cannot create table {identifier}: a namespace of that name exists.");
        }

        await RequireOwnLocationAsync(identifier, metadata.Location, cancellationToken).ConfigureAwait(false);
        return await _committer.CommitAsync(folder, identifier.ToString(), null, metadata, cancellationToken).ConfigureAwait(false);
    }

    private static bool IsTableInternalFolder(string folder) =>
        Path.GetFileName(folder) is TableFolder.MetadataFolderName or "data";

    private string NamespacePath(Namespace @namespace) =>
        @namespace.IsEmpty ? _warehouse : Path.Combine([_warehouse, .. @namespace.Levels]);

    /// <summary>The folder whose metadata the catalog reads for a table: the table folder, or a primary-key table's base store.</summary>
    private TableFolder Folder(TableIdentifier identifier)
    {
        string root = RootPath(identifier);
        return IsPrimaryKeyFolder(root) ? new TableFolder(Path.Combine(root, PrimaryKeyTableMetadata.BaseFolder)) : new TableFolder(root);
    }

    /// <summary>The table folder (a primary-key table's folder holds its two store folders).</summary>
    private string RootPath(TableIdentifier identifier) => Path.Combine(NamespacePath(identifier.Namespace), identifier.Name);

    private bool IsNamespaceFolder(Namespace @namespace)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        string folder = NamespacePath(@namespace);
        return Directory.Exists(folder) && (@namespace.IsEmpty || !IsTableFolder(folder));
    }

    private bool IsTableFolder(string folder) => IsStoreFolder(folder) || IsPrimaryKeyFolder(folder);

    /// <summary>Whether the folder holds Iceberg table metadata of its own.</summary>
    private bool IsStoreFolder(string folder)
    {
        string metadata = Path.Combine(folder, TableFolder.MetadataFolderName);
        return Directory.Exists(metadata)
            && (_storage.Exists(Path.Combine(metadata, TableFolder.VersionHintName))
                || _storage.ListFileNames(metadata).Any(name => TableFolder.ParseVersionFileName(name) is not null));
    }

    private void RequireNamespace(Namespace @namespace)
    {
        if (!IsNamespaceFolder(@namespace))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Namespace {@namespace} does not exist.");
        }
    }

    private void CheckNoTableAbove(Namespace @namespace)
    {
        for (var parent = @namespace.Parent; parent is { IsEmpty: false }; parent = parent.Parent)
        {
            if (IsTableFolder(NamespacePath(parent)))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot create namespace {@namespace}: {parent} is a table.");
            }
        }
    }

    private static void CheckNotRoot(Namespace @namespace)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        if (@namespace.IsEmpty)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "The root namespace cannot be created, dropped or hold tables.");
        }
    }

    private static IEnumerable<(string Name, string Path)> ChildFolders(string folder) =>
        Directory.EnumerateDirectories(folder)
            .Select(path => (Name: Path.GetFileName(path), Path: path))
            .Where(child => IsValidName(child.Name))
            .OrderBy(child => child.Name, StringComparer.Ordinal);

    private static bool IsValidName(string name)
    {
        try
        {
            CatalogNames.Check(name, "name");
            return true;
        }
        catch (FloeException)
        {
            return false;
        }
    }

    private static FloeException NoSuchTable(TableIdentifier identifier) => new(FloeErrorKind.NotFound, $"Table {identifier} does not exist.");
}
