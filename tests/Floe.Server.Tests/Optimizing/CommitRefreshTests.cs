using Floe.Catalog;
using Floe.Catalog.Rest;
using Floe.Common.Columnar;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.PrimaryKeys;
using Floe.Server.Configuration;
using Floe.Table.Data.Columns;
using Floe.Table.Operations;
using Microsoft.Extensions.Time.Testing;

namespace Floe.Server.Tests.Optimizing;

/// <summary>
/// A commit through the server's catalogs makes the table pending soon after, not at the next periodic refresh (an
/// hour away in these servers), and a burst of commits makes one refresh per table.
/// </summary>
public sealed class CommitRefreshTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Commits_through_the_rest_catalog_make_the_table_pending_without_waiting_for_the_refresh_interval()
    {
        await using var server = await OptimizingServer.StartAsync(OptimizingServer.FastOptions with { CommitRefreshDelayMs = 50 });
        await server.CreateTableAsync();
        using RestCatalog rest = await RestCatalog.OpenAsync(new RestCatalogOptions { Uri = new Uri(server.Running.Address, "/api/iceberg/rest") }, Ct);
        IcebergTable table = await rest.LoadTableAsync(OptimizingServer.TableId, Ct);

        await server.AppendAsync(table, files: 5, rows: 10);

        await WaitUntilAsync(async () => await StatusAsync(server, OptimizingServer.TableId) == "pending");
        Assert.InRange(server.Server.Optimizing!.ChangeRefreshes, 1, 5);
    }

    [Fact]
    public async Task Commits_to_the_change_store_of_a_primary_key_table_make_it_pending()
    {
        await using var server = await OptimizingServer.StartAsync(OptimizingServer.FastOptions with { CommitRefreshDelayMs = 50 });
        var id = TableIdentifier.Of("db", "users");
        ICatalog catalog = await server.Server.Catalogs.GetAsync("default", Ct);
        await catalog.CreateNamespaceAsync(id.Namespace, Ct);
        var schema = new Schema([NestedField.Required(1, "id", PrimitiveType.Long), NestedField.Optional(2, "name", PrimitiveType.String)]);
        await catalog.CreatePrimaryKeyTableAsync(id, schema, ["id"], null, new Dictionary<string, string>
        {
            [SelfOptimizingProperties.MinPlanInterval.Key] = "0",
            [SelfOptimizingProperties.MinorTriggerFileCount.Key] = "2",
        }, Ct);

        for (int commit = 0; commit < 3; commit++)
        {
            PrimaryKeyTable table = await catalog.LoadPrimaryKeyTableAsync(id, Ct);
            using var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(schema), 2);
            ((PrimitiveVector<long>)batch.Column(0)).Append(commit);
            ((BinaryVector)batch.Column(1)).Append($"name-{commit}");
            await using var writer = table.NewChangeWriter();
            await writer.UpsertAsync(batch, Ct);
            await writer.CommitAsync(Ct);
        }

        await WaitUntilAsync(async () => await StatusAsync(server, id) == "pending");
    }

    [Fact]
    public async Task A_burst_of_commits_makes_one_refresh_per_table()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        OptimizingOptions options = OptimizingServer.FastOptions with { CommitRefreshDelayMs = 1_000 };
        await using var server = await OptimizingServer.StartAsync(options, clock: clock);
        TableIdentifier[] ids = [TableIdentifier.Of("db", "a"), TableIdentifier.Of("db", "b"), TableIdentifier.Of("db", "c")];
        foreach (TableIdentifier id in ids)
        {
            IcebergTable table = await server.CreateTableAsync(id: id);
            await server.AppendAsync(table, files: 6, rows: 5);
        }

        // The clock stands still while the commits land, so they all fall into one round.
        Assert.Equal(0, server.Server.Optimizing!.ChangeRefreshes);
        await WaitUntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromMilliseconds(options.CommitRefreshDelayMs));
            foreach (TableIdentifier id in ids)
            {
                if (await StatusAsync(server, id) != "pending")
                {
                    return false;
                }
            }

            return true;
        });
        Assert.Equal(ids.Length, server.Server.Optimizing.ChangeRefreshes);
    }

    /// <summary>The table's optimizing status, or null before the service has seen it.</summary>
    private static async Task<string?> StatusAsync(OptimizingServer server, TableIdentifier id)
    {
        var (status, body) = await server.CallAsync(HttpMethod.Get, $"/api/floe/v1/catalogs/default/namespaces/{id.Namespace}/tables/{id.Name}/optimizing");
        return status == 200 ? body.GetProperty("table").GetProperty("status").GetString() : null;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        DateTime deadline = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The condition did not hold within {Bound}.");
            await Task.Delay(20, Ct);
        }
    }
}
