using Floe.Catalog;
using Floe.Catalog.Rest;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.PrimaryKeys;
using Floe.Table.Operations;

namespace Floe.Server.Rest;

/// <summary>
/// Tables as the REST routes name them: <see cref="ChangeStoreName"/> reaches the change store of a primary-key
/// table (load, exists and commit), every other name is a table of the catalog (a primary-key table as its base store).
/// </summary>
internal static class RestTables
{
    public static async Task<TableMetadata> LoadAsync(ICatalog catalog, TableIdentifier identifier, CancellationToken cancellationToken) =>
        ChangeStoreName.TryParse(identifier, out var table)
            ? (await OpenChangeStoreAsync(catalog, table, cancellationToken).ConfigureAwait(false)).Current
            : (await catalog.LoadTableAsync(identifier, cancellationToken).ConfigureAwait(false)).Metadata;

    public static Task<bool> ExistsAsync(ICatalog catalog, TableIdentifier identifier, CancellationToken cancellationToken) =>
        ChangeStoreName.TryParse(identifier, out var table)
            ? catalog.IsPrimaryKeyTableAsync(table, cancellationToken)
            : catalog.TableExistsAsync(identifier, cancellationToken);

    /// <summary>The REST form of a commit; on a change store the requirements are checked and the updates applied to it.</summary>
    public static async Task<TableMetadata> CommitAsync(
        ICatalog catalog, TableIdentifier identifier, IReadOnlyList<UpdateRequirement> requirements, IReadOnlyList<MetadataUpdate> updates, CancellationToken cancellationToken)
    {
        if (!ChangeStoreName.TryParse(identifier, out var table))
        {
            return await catalog.CommitTableAsync(identifier, requirements, updates, cancellationToken).ConfigureAwait(false);
        }

        ITableOperations store = await OpenChangeStoreAsync(catalog, table, cancellationToken).ConfigureAwait(false);
        TableMetadata current = store.Current;
        foreach (var requirement in requirements)
        {
            requirement.Validate(current);
        }

        if (updates.Count == 0)
        {
            return current;
        }

        // The same confinement as every other commit: files the change store is pointed at lie under its location.
        TableMetadata updated = TableMetadataBuilder.From(current).Apply(updates).Build();
        TableLocationRules.RequireAddedInside(updated, updates);
        return await store.CommitAsync(current, updated, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses (400) a change-store name where a route creates, registers, drops or renames a table.</summary>
    public static void RequireTableName(TableIdentifier identifier, string action)
    {
        if (ChangeStoreName.TryParse(identifier, out var table))
        {
            throw IcebergRestException.BadRequest(
                $"Cannot {action} {identifier}: a name ending in '{ChangeStoreName.Suffix}' is the change store of primary-key table {table}; {action} {table} instead.");
        }
    }

    private static async Task<ITableOperations> OpenChangeStoreAsync(ICatalog catalog, TableIdentifier table, CancellationToken cancellationToken)
    {
        if (!await catalog.IsPrimaryKeyTableAsync(table, cancellationToken).ConfigureAwait(false))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Table {ChangeStoreName.Of(table)} does not exist: {table} is not a primary-key table.");
        }

        PrimaryKeyTable keyed = await catalog.LoadPrimaryKeyTableAsync(table, cancellationToken).ConfigureAwait(false);
        return keyed.ChangeTable.Operations;
    }
}
