using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;

namespace Floe.Catalog.FileSystem;

/// <summary>
/// The parts of the catalog the REST catalog needs beyond plain tables: namespace properties (a
/// <c>.namespace-properties.json</c> file in the namespace folder, a name no namespace or table can have), tables at an
/// explicit location, registration of an existing metadata file, and single-table transactions.
/// </summary>
public sealed partial class FileSystemCatalog
{
    /// <summary>The file in a namespace folder that holds its properties; a leading '.' keeps it out of every name.</summary>
    public const string NamespacePropertiesFileName = ".namespace-properties.json";

    public bool SupportsMultiTableCommit => false;

    public async Task CreateNamespaceAsync(Namespace @namespace, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(properties);
        await CreateNamespaceAsync(@namespace, cancellationToken).ConfigureAwait(false);
        if (properties.Count > 0)
        {
            await WriteNamespacePropertiesAsync(@namespace, properties, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> LoadNamespacePropertiesAsync(Namespace @namespace, CancellationToken cancellationToken = default)
    {
        CheckNotRoot(@namespace);
        RequireNamespace(@namespace);
        return await ReadNamespacePropertiesAsync(@namespace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Updates the properties file by replacing it whole; two concurrent updates of one namespace race and the later write wins.</summary>
    public async Task<NamespacePropertiesChange> UpdateNamespacePropertiesAsync(
        Namespace @namespace,
        IReadOnlyCollection<string> removals,
        IReadOnlyDictionary<string, string> updates,
        CancellationToken cancellationToken = default)
    {
        CheckNotRoot(@namespace);
        RequireNamespace(@namespace);
        var properties = await ReadNamespacePropertiesAsync(@namespace, cancellationToken).ConfigureAwait(false);
        var change = PropertiesJson.Apply(properties, removals, updates, $"namespace {@namespace}");
        if (change.Updated.Count > 0 || change.Removed.Count > 0)
        {
            await WriteNamespacePropertiesAsync(@namespace, properties, cancellationToken).ConfigureAwait(false);
        }

        return change;
    }

    /// <summary>The table folder: the filesystem catalog finds a table's versions by its name, so the folder is fixed.</summary>
    public Task<string> DefaultTableLocationAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        RequireNamespace(identifier.Namespace);
        return Task.FromResult(RootPath(identifier));
    }

    /// <summary>
    /// Creates a table whose metadata says <paramref name="location"/> (data and manifests go there); its version files
    /// stay in the table folder, where this catalog finds them.
    /// </summary>
    public Task<TableMetadata> CreateTableAsync(
        TableIdentifier identifier,
        Schema schema,
        PartitionSpec? spec,
        SortOrder? sortOrder,
        IReadOnlyDictionary<string, string>? properties,
        string? location,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(schema);
        RequireNamespace(identifier.Namespace);
        var folder = Folder(identifier);
        var metadata = NewTable.Create(schema, spec, sortOrder, string.IsNullOrEmpty(location) ? folder.Path : location, properties, clock: _clock);
        return CreateAsync(identifier, folder, metadata, cancellationToken);
    }

    /// <summary>Copies the metadata file into the table folder as its next version (the first one for a new table).</summary>
    public async Task<TableMetadata> RegisterTableAsync(TableIdentifier identifier, string metadataFileLocation, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentException.ThrowIfNullOrEmpty(metadataFileLocation);
        RequireNamespace(identifier.Namespace);
        var registered = await ReadMetadataFileAsync(metadataFileLocation, cancellationToken).ConfigureAwait(false);
        TableLocationRules.RequireAllInside(registered);
        var folder = Folder(identifier);
        var current = await _committer.TryLoadAsync(folder, cancellationToken).ConfigureAwait(false);
        if (current is not null && !overwrite)
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Cannot register table {identifier}: it already exists.");
        }

        if (current is null)
        {
            return await CreateAsync(identifier, folder, registered, cancellationToken).ConfigureAwait(false);
        }

        await RequireOwnLocationAsync(identifier, registered.Location, cancellationToken).ConfigureAwait(false);
        return await _committer.CommitAsync(folder, identifier.ToString(), current, registered, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One table only: the filesystem has no atomic swap across tables, so more than one is Unsupported.</summary>
    public async Task<IReadOnlyList<TableMetadata>> CommitTransactionAsync(IReadOnlyList<TableCommit> commits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commits);
        if (commits.Count == 0)
        {
            return [];
        }

        if (commits.Count > 1)
        {
            throw new FloeException(FloeErrorKind.Unsupported,
                $"Catalog {Name} cannot commit {commits.Count} tables atomically: a filesystem catalog commits one table at a time.");
        }

        var commit = commits[0];
        return [await CommitTableAsync(commit.Identifier, commit.Requirements, commit.Updates, cancellationToken).ConfigureAwait(false)];
    }

    private async Task<TableMetadata> ReadMetadataFileAsync(string location, CancellationToken cancellationToken)
    {
        var input = _io.NewInputFile(location);
        if (!await input.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Metadata file {location} does not exist.");
        }

        byte[] json = await input.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false);
        return TableMetadataParser.Parse(json, location);
    }

    private string NamespacePropertiesPath(Namespace @namespace) => Path.Combine(NamespacePath(@namespace), NamespacePropertiesFileName);

    private async Task<Dictionary<string, string>> ReadNamespacePropertiesAsync(Namespace @namespace, CancellationToken cancellationToken)
    {
        string path = NamespacePropertiesPath(@namespace);
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var length = new FileInfo(path).Length;
        if (length > PropertiesJson.MaxBytes)
        {
            throw new FloeException(FloeErrorKind.InvalidData, $"Properties file {path} is {length} bytes, more than the {PropertiesJson.MaxBytes} allowed.");
        }

        byte[] json = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return PropertiesJson.Parse(json, path);
    }

    private async Task WriteNamespacePropertiesAsync(Namespace @namespace, IReadOnlyDictionary<string, string> properties, CancellationToken cancellationToken)
    {
        var output = _io.NewOutputFile(NamespacePropertiesPath(@namespace));
        var stream = await output.CreateOrOverwriteAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(PropertiesJson.ToUtf8(properties), cancellationToken).ConfigureAwait(false);
        }
    }
}
