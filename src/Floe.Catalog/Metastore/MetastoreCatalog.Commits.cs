using System.Data.Common;
using Floe.Catalog.Metastore.Sql;
using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Catalog.Metastore;

/// <summary>
/// Commits. Every form writes the new metadata file first and then swaps pointers inside one transaction with
/// <c>UPDATE ... WHERE &lt;pointer&gt; = @expected</c>; an update that matches no row means another commit won.
/// </summary>
public sealed partial class MetastoreCatalog
{
    public Task<TableMetadata> CommitTableAsync(TableIdentifier identifier, TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default) =>
        CommitStoreAsync(identifier, TableStore.Base, baseMetadata, updated, cancellationToken);

    public async Task<TableMetadata> CommitTableAsync(
        TableIdentifier identifier,
        IReadOnlyList<UpdateRequirement> requirements,
        IReadOnlyList<MetadataUpdate> updates,
        CancellationToken cancellationToken = default)
    {
        var results = await CommitTransactionAsync([new TableCommit(identifier, requirements, updates)], cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>
    /// Commits the tables in one database transaction. When another commit changed one of them first, the whole
    /// transaction is planned again on fresh metadata (requirements re-checked, updates re-applied), up to
    /// <see cref="MaxCommitAttempts"/> times. A failed requirement is a CommitConflict and changes nothing.
    /// </summary>
    public async Task<IReadOnlyList<TableMetadata>> CommitTransactionAsync(IReadOnlyList<TableCommit> commits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commits);
        var duplicate = commits.GroupBy(c => c.Identifier).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {duplicate.Key} appears more than once in one transaction.");
        }

        // Commits through this instance queue per table, so they do not race each other for the swap (and waste
        // metadata files); other processes still race, which the swap settles.
        var locks = commits.Select(c => CacheKey(c.Identifier, TableStore.Base)).Order(StringComparer.Ordinal).Select(CommitLock).ToList();
        int held = 0;
        try
        {
            foreach (var gate in locks)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                held++;
            }

            return await CommitLockedAsync(commits, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            for (int i = 0; i < held; i++)
            {
                locks[i].Release();
            }
        }
    }

    private SemaphoreSlim CommitLock(string cacheKey) => _commitLocks.GetOrAdd(cacheKey, _ => new SemaphoreSlim(1, 1));

    private async Task<IReadOnlyList<TableMetadata>> CommitLockedAsync(IReadOnlyList<TableCommit> commits, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            var planned = new List<PlannedCommit>(commits.Count);
            try
            {
                foreach (var commit in commits)
                {
                    // The first attempt may plan on the metadata this catalog committed last; a lost swap reloads.
                    planned.Add(await PlanAsync(commit, trustCache: attempt == 1, cancellationToken).ConfigureAwait(false));
                }

                if (planned is [{ Creates: false } single])
                {
                    // One pointer: the single UPDATE is its own transaction, which saves BEGIN and COMMIT round trips.
                    bool swapped = await ReadAsync($"commit table {single.Identifier}", connection =>
                        SwapAsync(connection, null, single.Identifier, TableStore.Base, single.Expected!, single.Written ?? single.Expected!, cancellationToken, single.NewLocation), cancellationToken).ConfigureAwait(false);
                    if (!swapped)
                    {
                        throw new LostRaceException(single.Identifier);
                    }
                }
                else
                {
                    await WriteAsync("commit", async (connection, transaction) =>
                    {
                        foreach (var plan in planned)
                        {
                            await ApplyAsync(connection, transaction, plan, cancellationToken).ConfigureAwait(false);
                        }

                        return true;
                    }, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (LostRaceException) when (attempt < MaxCommitAttempts)
            {
                await DeleteWrittenAsync(planned).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, Math.Min(attempt, 10))), cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (LostRaceException e)
            {
                await DeleteWrittenAsync(planned).ConfigureAwait(false);
                throw new FloeException(FloeErrorKind.CommitConflict, $"Commit to {e.Table} lost to concurrent commits {MaxCommitAttempts} times in a row.");
            }
            catch (Exception e) when (CertainlyNotCommitted(e))
            {
                await DeleteWrittenAsync(planned).ConfigureAwait(false);
                throw;
            }

            var results = new TableMetadata[planned.Count];
            for (int i = 0; i < planned.Count; i++)
            {
                results[i] = planned[i].Stored;
                Remember(CacheKey(planned[i].Identifier, TableStore.Base), results[i]);
                await DeleteExpiredMetadataAsync(planned[i].Previous, results[i]).ConfigureAwait(false);
            }

            foreach (var plan in planned)
            {
                TableCommitted?.Invoke(plan.Identifier);
            }

            return results;
        }
    }

    /// <summary>
    /// Checks one table's requirements on its current metadata and writes the updated metadata file. With
    /// <paramref name="trustCache"/> the metadata this catalog last saw stands in for the current one; if a requirement
    /// fails on it, the real current metadata decides.
    /// </summary>
    private async Task<PlannedCommit> PlanAsync(TableCommit commit, bool trustCache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(commit.Requirements);
        ArgumentNullException.ThrowIfNull(commit.Updates);
        var identifier = commit.Identifier;
        string cacheKey = CacheKey(identifier, TableStore.Base);
        var current = trustCache && !commit.Requirements.Any(r => r is UpdateRequirement.AssertCreate) && _latest.TryGetValue(cacheKey, out var cached)
            ? cached
            : null;
        if (current is null || !Satisfies(commit.Requirements, current))
        {
            var row = await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false);
            current = row is null ? null : await ReadMetadataAsync(row.MetadataLocation, cacheKey, cancellationToken).ConfigureAwait(false);
        }

        foreach (var requirement in commit.Requirements)
        {
            requirement.Validate(current);
        }

        if (current is null)
        {
            if (!commit.Requirements.Any(r => r is UpdateRequirement.AssertCreate))
            {
                throw NoSuchTable(identifier);
            }

            string location = await DefaultTableLocationAsync(identifier, cancellationToken).ConfigureAwait(false);
            var created = TableMetadataBuilder.ForNewTable(clock: Clock).SetLocation(location).Apply(commit.Updates).Build();
            TableLocationRules.RequireAddedInside(created, commit.Updates);
            string written = await WriteMetadataAsync(created, null, cancellationToken).ConfigureAwait(false);
            return new PlannedCommit(identifier, null, written, created.WithMetadataFileLocation(written), Creates: true, Previous: null);
        }

        if (commit.Updates.Count == 0)
        {
            // Nothing to write; the swap to the same file still proves the requirements held at commit time.
            return new PlannedCommit(identifier, current.MetadataFileLocation, null, current, Creates: false, Previous: null);
        }

        var updated = TableMetadataBuilder.From(current, Clock).Apply(commit.Updates).Build();
        TableLocationRules.RequireAddedInside(updated, commit.Updates);
        string? moved = string.Equals(updated.Location, current.Location, StringComparison.Ordinal) ? null : updated.Location;
        if (moved is not null)
        {
            await RequireOwnLocationAsync(identifier, moved, cancellationToken).ConfigureAwait(false);
        }

        string file = await WriteMetadataAsync(updated, current.MetadataFileLocation, cancellationToken).ConfigureAwait(false);
        return new PlannedCommit(identifier, current.MetadataFileLocation, file, updated.WithMetadataFileLocation(file), Creates: false, Previous: current, NewLocation: moved);
    }

    private async Task ApplyAsync(DbConnection connection, DbTransaction transaction, PlannedCommit plan, CancellationToken cancellationToken)
    {
        if (plan.Creates)
        {
            try
            {
                await InsertRowAsync(connection, transaction, plan.Identifier, TableFormat.Iceberg, plan.Stored.Location, plan.Written!, null, cancellationToken).ConfigureAwait(false);
            }
            catch (FloeException e) when (e.Kind == FloeErrorKind.AlreadyExists)
            {
                throw new FloeException(FloeErrorKind.CommitConflict, $"Requirement failed: table {plan.Identifier} was created concurrently.", e);
            }

            return;
        }

        string target = plan.Written ?? plan.Expected!;
        if (!await SwapAsync(connection, transaction, plan.Identifier, TableStore.Base, plan.Expected!, target, cancellationToken, plan.NewLocation).ConfigureAwait(false))
        {
            throw new LostRaceException(plan.Identifier);
        }
    }

    private static bool Satisfies(IReadOnlyList<UpdateRequirement> requirements, TableMetadata current)
    {
        try
        {
            foreach (var requirement in requirements)
            {
                requirement.Validate(current);
            }

            return true;
        }
        catch (FloeException)
        {
            return false;
        }
    }

    /// <summary>The compare-and-swap of one pointer; false when the pointer is no longer <paramref name="expected"/>.</summary>
    private async Task<bool> SwapAsync(
        DbConnection connection,
        DbTransaction? transaction,
        TableIdentifier identifier,
        TableStore store,
        string expected,
        string target,
        CancellationToken cancellationToken,
        string? newLocation = null)
    {
        // A commit that moves the table moves its row's location too, which later location checks read.
        string column = TableRow.PointerColumn(store);
        (string Name, object? Value)[] parameters = [.. Key(identifier), ("target", target), ("now", _database.NowMs()), ("expected", expected)];
        string move = "";
        if (newLocation is not null)
        {
            move = ", location = @location";
            parameters = [.. parameters, ("location", newLocation)];
        }

        int changed = await SqlCommands.ExecuteAsync(connection, transaction,
            $"UPDATE tables SET {column} = @target{move}, updated_ms = @now WHERE catalog_name = @catalog AND namespace = @ns AND table_name = @name AND {column} = @expected",
            cancellationToken, parameters).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>
    /// The metadata form of a commit for either store of a table (a plain table has only <see cref="TableStore.Base"/>):
    /// <paramref name="baseMetadata"/> must be the store's current metadata, else CommitConflict.
    /// </summary>
    public async Task<TableMetadata> CommitStoreAsync(TableIdentifier identifier, TableStore store, TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(baseMetadata);
        ArgumentNullException.ThrowIfNull(updated);
        string? current = baseMetadata.MetadataFileLocation;
        if (current is null || !_latest.TryGetValue(CacheKey(identifier, store), out var cached) || !string.Equals(cached.MetadataFileLocation, current, StringComparison.Ordinal))
        {
            // The base is not what this catalog committed last: check it against the pointer before writing anything.
            var row = await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false)
                ?? throw new FloeException(FloeErrorKind.NotFound, $"Cannot commit to table {identifier}: it does not exist.");
            string pointer = StorePointer(identifier, row, store);
            if (!string.Equals(current, pointer, StringComparison.Ordinal))
            {
                throw new FloeException(FloeErrorKind.CommitConflict,
                    $"Cannot commit to table {identifier}: based on {current ?? "metadata that was never stored"}, but the current metadata is {pointer}.");
            }
        }

        if (ReferenceEquals(baseMetadata, updated))
        {
            return baseMetadata;
        }

        string expected = current!; // a null base never matches a pointer, so it was refused above
        string written = await WriteMetadataAsync(updated, expected, cancellationToken).ConfigureAwait(false);
        bool swapped;
        try
        {
            swapped = await ReadAsync($"commit table {identifier}", connection =>
                SwapAsync(connection, null, identifier, store, expected, written, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (CertainlyNotCommitted(e))
        {
            await DeleteQuietlyAsync(written).ConfigureAwait(false);
            throw;
        }

        if (!swapped)
        {
            await DeleteQuietlyAsync(written).ConfigureAwait(false);
            var row = await FindRowAsync(identifier, cancellationToken).ConfigureAwait(false);
            throw row is null
                ? new FloeException(FloeErrorKind.NotFound, $"Cannot commit to table {identifier}: it does not exist.")
                : new FloeException(FloeErrorKind.CommitConflict,
                    $"Cannot commit to table {identifier}: based on {current}, but the current metadata is {row.Pointer(store) ?? "none"}.");
        }

        var stored = updated.WithMetadataFileLocation(written);
        Remember(CacheKey(identifier, store), stored);
        await DeleteExpiredMetadataAsync(baseMetadata, stored).ConfigureAwait(false);
        TableCommitted?.Invoke(identifier);
        return stored;
    }

    private static string StorePointer(TableIdentifier identifier, TableRow row, TableStore store) =>
        row.Pointer(store) ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {identifier} is not a primary-key table; it has no {store.ToString().ToLowerInvariant()} store.");

    private async Task DeleteWrittenAsync(List<PlannedCommit> planned)
    {
        foreach (var plan in planned)
        {
            if (plan.Written is not null)
            {
                await DeleteQuietlyAsync(plan.Written).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Deletes the metadata files a commit let go (<see cref="MetadataFileRetention"/>), best effort.</summary>
    private async Task DeleteExpiredMetadataAsync(TableMetadata? previous, TableMetadata stored)
    {
        foreach (string file in MetadataFileRetention.Expired(previous, stored, MetadataFileNames.Folder(stored)))
        {
            await DeleteQuietlyAsync(file).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One table of a transaction, ready to swap: the pointer it expects, the file it wrote (null when nothing changed)
    /// the metadata it replaces when it wrote one, and the table's new location when the commit moves it.
    /// </summary>
    private sealed record PlannedCommit(TableIdentifier Identifier, string? Expected, string? Written, TableMetadata Stored, bool Creates, TableMetadata? Previous, string? NewLocation = null);

    /// <summary>Another commit moved a pointer between planning and swapping; the transaction is planned again.</summary>
    private sealed class LostRaceException(TableIdentifier table) : Exception($"Table {table} changed concurrently.")
    {
        public TableIdentifier Table { get; } = table;
    }
}
