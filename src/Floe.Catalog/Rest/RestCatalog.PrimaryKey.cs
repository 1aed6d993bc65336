using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Model;

namespace Floe.Catalog.Rest;

/// <summary>
/// Primary-key tables over REST, as Amoro's internal catalog serves them: a create request whose properties hold
/// <see cref="PrimaryKeyProperties.PrimaryKeyFields"/> creates both stores, the table loads as its base store and
/// <see cref="ChangeStoreName"/> names its change store, which loads and commits like any table.
/// </summary>
public sealed partial class RestCatalog
{
    public async Task<PrimaryKeyTable> CreatePrimaryKeyTableAsync(
        TableIdentifier identifier,
        Schema schema,
        IReadOnlyList<string> primaryKey,
        PartitionSpec? spec = null,
        IReadOnlyDictionary<string, string>? properties = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(primaryKey);
        var keyed = new Dictionary<string, string>(properties ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [PrimaryKeyProperties.PrimaryKeyFields.Key] = string.Join(',', primaryKey),
        };
        var @base = await CreateTableAsync(identifier, schema, spec, null, keyed, cancellationToken).ConfigureAwait(false);
        if (!PrimaryKeyTableProperties.IsPrimaryKey(@base))
        {
            throw new FloeException(FloeErrorKind.Unsupported,
                $"The REST catalog '{Name}' created {identifier} as a plain Iceberg table: it does not serve primary-key tables ({PrimaryKeyProperties.PrimaryKeyFields.Key}).");
        }

        return await OpenPrimaryKeyTableAsync(identifier, @base, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks for the change store: a primary-key table has one, a plain or missing table does not.</summary>
    public Task<bool> IsPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default) =>
        TableExistsAsync(ChangeStoreName.Of(identifier), cancellationToken);

    public async Task<PrimaryKeyTable> LoadPrimaryKeyTableAsync(TableIdentifier identifier, CancellationToken cancellationToken = default)
    {
        var @base = await LoadMetadataAsync(identifier, cancellationToken).ConfigureAwait(false);
        if (!PrimaryKeyTableProperties.IsPrimaryKey(@base))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {identifier} has no primary key: it is a plain Iceberg table.");
        }

        return await OpenPrimaryKeyTableAsync(identifier, @base, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PrimaryKeyTable> OpenPrimaryKeyTableAsync(TableIdentifier identifier, TableMetadata @base, CancellationToken cancellationToken)
    {
        var changeStore = ChangeStoreName.Of(identifier);
        var change = await LoadMetadataAsync(changeStore, cancellationToken).ConfigureAwait(false);
        return new PrimaryKeyTable(
            $"{Name}.{identifier}",
            new RestTableOperations(this, identifier, @base, Io),
            new RestTableOperations(this, changeStore, change, Io));
    }
}
