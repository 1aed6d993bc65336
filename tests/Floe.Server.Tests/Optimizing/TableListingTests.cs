using Floe.Catalog.Metastore;
using Floe.Common.Errors;
using Floe.Optimizing.Commit;
using Floe.Optimizing.Config;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Targets;
using Floe.Server.Configuration;
using Floe.Server.Optimizing;
using Floe.Server.Store;
using Floe.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Floe.Server.Tests.Optimizing;

/// <summary>How the service follows the tables of its catalogs, over a scripted table source.</summary>
public sealed class TableListingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_table_of_an_unreadable_catalog_keeps_its_state_until_the_catalog_answers_without_it()
    {
        using var directory = new TempDirectory();
        using MetastoreDatabase database = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(directory.Combine("floe.db")), cancellationToken: Ct);
        var key = new TableKey("lake", "db", "t");
        var source = new ScriptedSource { Listing = new TableListing([key], new Dictionary<string, string>()) };
        await using var service = new OptimizingService(new OptimizingStore(database), source, new OptimizingOptions { Enabled = false }, NullLogger.Instance);
        await service.StartAsync(Ct);

        await service.RefreshAsync(Ct);
        Assert.Equal(key, Assert.Single(await service.TablesAsync(Ct)).Key);

        source.Listing = new TableListing([], new Dictionary<string, string> { ["lake"] = "the warehouse is unreachable" });
        await service.RefreshAsync(Ct);
        Assert.Single(await service.TablesAsync(Ct));

        source.Listing = new TableListing([], new Dictionary<string, string>());
        await service.RefreshAsync(Ct);
        Assert.Empty(await service.TablesAsync(Ct));
        Assert.Empty(await new OptimizingStore(database).ListRuntimesAsync(Ct));
    }

    [Fact]
    public async Task A_table_that_fails_to_load_shows_the_error_as_its_last_error()
    {
        using var directory = new TempDirectory();
        using MetastoreDatabase database = await MetastoreDatabase.OpenAsync(MetastoreSettings.Sqlite(directory.Combine("floe.db")), cancellationToken: Ct);
        var key = new TableKey("lake", "db", "broken");
        var source = new ScriptedSource { Listing = new TableListing([key], new Dictionary<string, string>()), LoadError = "metadata file is truncated" };
        await using var service = new OptimizingService(new OptimizingStore(database), source, new OptimizingOptions { Enabled = false }, NullLogger.Instance);
        await service.StartAsync(Ct);

        await service.RefreshAsync(Ct);

        TableRuntimeRecord runtime = Assert.Single(await service.TablesAsync(Ct));
        Assert.Contains("metadata file is truncated", runtime.LastError, StringComparison.Ordinal);
        Assert.Equal((int)OptimizingStatus.Idle, runtime.Status);
    }

    private sealed class ScriptedSource : ITableSource
    {
        public required TableListing Listing { get; set; }

        public string? LoadError { get; init; }

        public Task<TableListing> ListTablesAsync(CancellationToken cancellationToken) => Task.FromResult(Listing);

        public Task<LoadedTable> LoadAsync(TableKey key, CancellationToken cancellationToken) =>
            LoadError is { } error
                ? throw new FloeException(FloeErrorKind.InvalidData, error)
                : Task.FromResult(new LoadedTable(key, CatalogTableSource.IcebergFormat, new IdleTarget()));
    }

    private sealed class IdleTarget : IOptimizingTarget
    {
        public string StateKey => "1";

        public OptimizingConfig Config { get; } = new();

        public Task<TableEvaluation> EvaluateAsync(OptimizingTimes times, CancellationToken cancellationToken) => Task.FromResult(new TableEvaluation { SnapshotId = 1 });

        public Task<PlannedProcess?> PlanAsync(long processId, OptimizingTimes times, long maxInputBytes, CancellationToken cancellationToken) =>
            Task.FromResult<PlannedProcess?>(null);

        public Task<OptimizingCommitResult> CommitAsync(PlannedProcess process, IReadOnlyList<string> outputs, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Nothing is planned.");

        public TaskOutputSummary DescribeOutput(string output) => new(0, 0, 0);

        public Task DeleteOutputAsync(string output, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
