using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Sorting;
using Floe.Http;
using Floe.Table.Operations;

namespace Floe.Catalog.Rest;

public sealed partial class RestCatalog
{
    public Task<bool> TableExistsAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return SendFoundAsync(new HttpCall(HttpMethod.Head, _paths.Table(identifier)) { What = $"check table {identifier}" }, cancellationToken);
    }

    public Task<TableMetadata> CreateTableAsync(
        TableIdentifier identifier,
        Schema schema,
        PartitionSpec? spec = null,
        SortOrder? sortOrder = null,
        IReadOnlyDictionary<string, string>? properties = null,
        CancellationToken cancellationToken = default) =>
        CreateTableAsync(identifier, schema, spec, sortOrder, properties, location: null, cancellationToken);

    public async Task<TableMetadata> CreateTableAsync(
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
        var call = new HttpCall(HttpMethod.Post, _paths.Tables(identifier.Namespace))
        {
            What = $"create table {identifier}",
            Json = w =>
            {
                w.WriteStartObject();
                w.WriteString("name", identifier.Name);
                if (location is not null)
                {
                    w.WriteString("location", location);
                }

                w.WritePropertyName("schema");
                SchemaJson.Write(w, schema);
                if (spec is not null)
                {
                    w.WritePropertyName("partition-spec");
                    PartitionSpecJson.Write(w, spec);
                }

                if (sortOrder is not null)
                {
                    w.WritePropertyName("write-order");
                    SortOrderJson.Write(w, sortOrder);
                }

                RestJson.WriteMap(w, "properties", properties ?? new Dictionary<string, string>());
                w.WriteEndObject();
            },
        };
        using var json = await SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        return RestJson.ReadMetadata(json.RootElement);
    }

    /// <summary>The REST protocol has no route for it; the server places a table created without a location itself.</summary>
    public Task<string> DefaultTableLocationAsync(TableIdentifier identifier, CancellationToken cancellationToken = default) =>
        throw new FloeException(FloeErrorKind.Unsupported,
            $"The REST catalog '{Name}' does not tell default table locations; create {identifier} without a location and the server places it.");

    public async Task<TableMetadata> RegisterTableAsync(TableIdentifier identifier, string metadataFileLocation, bool overwrite = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentException.ThrowIfNullOrEmpty(metadataFileLocation);
        Require("POST", "namespaces/{namespace}/register", "table registration");
        var call = new HttpCall(HttpMethod.Post, _paths.Register(identifier.Namespace))
        {
            What = $"register table {identifier}",
            Json = w =>
            {
                w.WriteStartObject();
                w.WriteString("name", identifier.Name);
                w.WriteString("metadata-location", metadataFileLocation);
                if (overwrite)
                {
                    w.WriteBoolean("overwrite", true);
                }

                w.WriteEndObject();
            },
        };
        using var json = await SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        return RestJson.ReadMetadata(json.RootElement);
    }

    /// <summary>The table; data files go through <see cref="Io"/> (the load result's <c>config</c> names no other storage Floe reads yet).</summary>
    public async Task<IcebergTable> LoadTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        var metadata = await LoadMetadataAsync(identifier, cancellationToken).ConfigureAwait(false);
        return new IcebergTable($"{Name}.{identifier}", new RestTableOperations(this, identifier, metadata, Io));
    }

    /// <summary>The table's current metadata, as the server sends it.</summary>
    internal async Task<TableMetadata> LoadMetadataAsync(TableIdentifier identifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        using var json = await SendJsonAsync(new HttpCall(HttpMethod.Get, _paths.Table(identifier)) { What = $"load table {identifier}" }, cancellationToken).ConfigureAwait(false);
        return RestJson.ReadMetadata(json.RootElement);
    }

    /// <summary>Sends the change from <paramref name="baseMetadata"/> to <paramref name="updated"/> as requirements and updates.</summary>
    public Task<TableMetadata> CommitTableAsync(TableIdentifier identifier, TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseMetadata);
        ArgumentNullException.ThrowIfNull(updated);
        var updates = MetadataChanges.Between(baseMetadata, updated);
        return CommitTableAsync(identifier, MetadataChanges.RequirementsFor(baseMetadata, updates), updates, cancellationToken);
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
        var call = new HttpCall(HttpMethod.Post, _paths.Table(identifier))
        {
            What = $"commit to table {identifier}",
            IsCommit = true,
            Json = w => RestJson.WriteCommit(w, null, requirements, updates),
        };
        using var json = await SendJsonAsync(call, cancellationToken).ConfigureAwait(false);
        return RestJson.ReadMetadata(json.RootElement);
    }

    public async Task<IReadOnlyList<TableMetadata>> CommitTransactionAsync(IReadOnlyList<TableCommit> commits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commits);
        if (commits.Count == 0)
        {
            return [];
        }

        Require("POST", "transactions/commit", "multi-table commits");
        var call = new HttpCall(HttpMethod.Post, _paths.Transaction)
        {
            What = $"transaction over {string.Join(", ", commits.Select(c => c.Identifier))}",
            IsCommit = true,
            Json = w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("table-changes");
                foreach (var commit in commits)
                {
                    RestJson.WriteCommit(w, commit.Identifier, commit.Requirements, commit.Updates);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            },
        };
        await _http.SendAsync(call, cancellationToken).ConfigureAwait(false);

        // The route answers 204 without metadata: load what the transaction stored.
        var results = new TableMetadata[commits.Count];
        for (int i = 0; i < commits.Count; i++)
        {
            results[i] = await LoadMetadataAsync(commits[i].Identifier, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    public Task<bool> DropTableAsync(TableIdentifier identifier, bool purge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        string path = RestPaths.WithQuery(_paths.Table(identifier), ("purgeRequested", purge ? "true" : null));
        return SendFoundAsync(new HttpCall(HttpMethod.Delete, path) { What = $"drop table {identifier}" }, cancellationToken);
    }

    public async Task RenameTableAsync(TableIdentifier from, TableIdentifier to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        Require("POST", "tables/rename", "table renames");
        var call = new HttpCall(HttpMethod.Post, _paths.Rename)
        {
            What = $"rename table {from} to {to}",
            Json = w =>
            {
                w.WriteStartObject();
                RestJson.WriteIdentifier(w, "source", from);
                RestJson.WriteIdentifier(w, "destination", to);
                w.WriteEndObject();
            },
        };
        await _http.SendAsync(call, cancellationToken).ConfigureAwait(false);
    }
}
