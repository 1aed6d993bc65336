using Floe.Catalog;
using Floe.Core.Metadata;

namespace Floe.Server.Rest;

/// <summary>
/// Table commits and multi-table transactions. A failed requirement is a 409 that changes nothing. The handler does
/// not retry: the catalog already re-plans a commit that lost the swap to one its requirements tolerate (checking
/// them again each time), so a conflict that reaches here is one the client's committer must see and retry.
/// A table commit may name the change store of a primary-key table (<see cref="RestTables"/>); a transaction may not.
/// </summary>
internal static class CommitHandlers
{

    public static async Task CommitTableAsync(RestCall call)
    {
        const string What = "commit table request";
        var identifier = call.Table();
        CommitTableRequest request;
        using (var body = await call.ReadBodyAsync(What).ConfigureAwait(false))
        {
            request = CommitTableRequest.Parse(body.Root, What);
        }

        if (request.Identifier is { } named && !named.Equals(identifier))
        {
            throw IcebergRestException.BadRequest($"Invalid {What}: identifier {named} does not match the table in the path, {identifier}.");
        }

        foreach (string location in request.NewLocations())
        {
            await call.RequireInsideWarehouseAsync(location, "set-location location").ConfigureAwait(false);
        }

        var commit = new TableCommit(identifier, request.Requirements, request.Updates);
        var result = await RestTables.CommitAsync(call.Catalog, commit.Identifier, commit.Requirements, commit.Updates, call.Aborted).ConfigureAwait(false);
        await LoadTableResult.WriteAsync(call.Http, result, withConfig: false).ConfigureAwait(false);
    }

    public static async Task CommitTransactionAsync(RestCall call)
    {
        const string What = "commit transaction request";
        var commits = new List<TableCommit>();
        using (var body = await call.ReadBodyAsync(What).ConfigureAwait(false))
        {
            int index = 0;
            foreach (var change in JsonFields.Of(What).Array(body.Root, "table-changes").EnumerateArray())
            {
                var request = CommitTableRequest.Parse(change, $"{What}: table-changes[{index}]");
                var identifier = request.Identifier
                    ?? throw IcebergRestException.BadRequest($"Invalid {What}: table-changes[{index}] has no 'identifier'.");
                commits.Add(new TableCommit(identifier, request.Requirements, request.Updates));
                index++;
            }
        }

        foreach (var commit in commits)
        {
            RestTables.RequireTableName(commit.Identifier, "commit a transaction over");
        }

        var duplicate = commits.GroupBy(c => c.Identifier).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw IcebergRestException.BadRequest($"Invalid {What}: table {duplicate.Key} appears more than once in 'table-changes'.");
        }

        foreach (string location in commits.SelectMany(c => c.Updates.OfType<MetadataUpdate.SetLocation>()).Select(u => u.Location))
        {
            await call.RequireInsideWarehouseAsync(location, "set-location location").ConfigureAwait(false);
        }

        foreach (var commit in commits)
        {
            await RequireKnownAsync(call, commit).ConfigureAwait(false);
        }

        await call.Catalog.CommitTransactionAsync(commits, call.Aborted).ConfigureAwait(false);
        await RestResponse.NoContentAsync(call.Http).ConfigureAwait(false);
    }

    // A transaction names several tables, so a 404 must say which namespace or table is missing.
    private static async Task RequireKnownAsync(RestCall call, TableCommit commit)
    {
        if (!await call.Catalog.NamespaceExistsAsync(commit.Identifier.Namespace, call.Aborted).ConfigureAwait(false))
        {
            throw IcebergRestException.NoSuchNamespace($"Namespace {commit.Identifier.Namespace} does not exist.");
        }

        if (!commit.Requirements.Any(r => r is UpdateRequirement.AssertCreate)
            && !await call.Catalog.TableExistsAsync(commit.Identifier, call.Aborted).ConfigureAwait(false))
        {
            throw IcebergRestException.NoSuchTable($"Table {commit.Identifier} does not exist.");
        }
    }
}
