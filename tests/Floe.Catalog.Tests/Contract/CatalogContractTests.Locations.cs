using Floe.Common.Errors;
using Floe.Core.Metadata;

namespace Floe.Catalog.Tests.Contract;

/// <summary>Files a commit names must lie under the table's location, and no two tables' locations overlap.</summary>
public abstract partial class CatalogContractTests
{
    private static readonly TableIdentifier Neighbour = TableIdentifier.Of("db", "neighbour");

    private static MetadataUpdate[] AddSnapshot(string manifestList) =>
    [
        new MetadataUpdate.AddSnapshot(new Snapshot { SnapshotId = 7, SequenceNumber = 1, TimestampMs = 1_700_000_000_000, ManifestList = manifestList, Operation = "append" }),
        new MetadataUpdate.SetSnapshotRef("main", new SnapshotRef(7, SnapshotRefType.Branch)),
    ];

    private async Task<FloeException> CommitFailsAsync(params MetadataUpdate[] updates)
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTableAsync(Events, [], updates, Ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Null((await Catalog.LoadTableAsync(Events, Ct)).Metadata.CurrentSnapshotId);
        return error;
    }

    [Fact]
    public async Task Commit_adding_a_snapshot_whose_manifest_list_is_outside_the_table_is_refused()
    {
        var created = await CreateEventsAsync();
        string elsewhere = Path.Combine(TempFolder("elsewhere"), "snap-7.avro");

        var error = await CommitFailsAsync(AddSnapshot(elsewhere));

        Assert.Contains(elsewhere, error.Message);
        Assert.Contains(created.Location, error.Message);
        await CommitFailsAsync(AddSnapshot("/etc/passwd"));
        await CommitFailsAsync(AddSnapshot(created.Location + "/../neighbour/metadata/snap-7.avro"));
        await CommitFailsAsync(AddSnapshot(created.Location + "2/metadata/snap-7.avro"));
    }

    [Fact]
    public async Task Commit_adding_a_snapshot_under_the_table_is_accepted()
    {
        var created = await CreateEventsAsync();

        var committed = await Catalog.CommitTableAsync(Events, [], AddSnapshot(created.Location + "/metadata/snap-7.avro"), Ct);

        Assert.Equal(7, committed.CurrentSnapshotId);
    }

    [Fact]
    public async Task Commit_statistics_or_data_folder_outside_the_table_is_refused()
    {
        var created = await CreateEventsAsync();
        await Catalog.CommitTableAsync(Events, [], AddSnapshot(created.Location + "/metadata/snap-7.avro"), Ct);
        string elsewhere = TempFolder("elsewhere");

        var statistics = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTableAsync(Events, [],
            [new MetadataUpdate.SetStatistics(new StatisticsFile { SnapshotId = 7, Path = elsewhere + "/stats.puffin", FileSizeInBytes = 10, FileFooterSizeInBytes = 5 })], Ct));
        var partitionStatistics = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTableAsync(Events, [],
            [new MetadataUpdate.SetPartitionStatistics(new PartitionStatisticsFile(7, elsewhere + "/partition-stats.parquet", 10))], Ct));
        var dataPath = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTableAsync(Events, [], [SetProperty("write.data.path", elsewhere)], Ct));

        Assert.All([statistics, partitionStatistics, dataPath], e => Assert.Equal(FloeErrorKind.InvalidArgument, e.Kind));
        var current = (await Catalog.LoadTableAsync(Events, Ct)).Metadata;
        Assert.Empty(current.Statistics);
        Assert.Empty(current.PartitionStatistics);
        Assert.False(current.Properties.ContainsKey("write.data.path"));
    }

    [Fact]
    public async Task Create_table_inside_or_around_another_table_is_refused()
    {
        var events = await CreateEventsAsync();

        var inside = await Assert.ThrowsAsync<FloeException>(() =>
            Catalog.CreateTableAsync(Neighbour, TempWarehouse.Schema, null, null, null, events.Location + "/nested", Ct));
        var same = await Assert.ThrowsAsync<FloeException>(() =>
            Catalog.CreateTableAsync(Neighbour, TempWarehouse.Schema, null, null, null, events.Location + "/", Ct));
        var around = await Assert.ThrowsAsync<FloeException>(() =>
            Catalog.CreateTableAsync(Neighbour, TempWarehouse.Schema, null, null, null, Path.GetDirectoryName(events.Location), Ct));

        Assert.All([inside, same, around], e =>
        {
            Assert.Equal(FloeErrorKind.InvalidArgument, e.Kind);
            Assert.Contains(Events.ToString(), e.Message);
        });
        Assert.False(await Catalog.TableExistsAsync(Neighbour, Ct));
        // A sibling whose name merely starts with the other's is not inside it.
        var sibling = await Catalog.CreateTableAsync(Neighbour, TempWarehouse.Schema, null, null, null, events.Location + "2", Ct);
        Assert.Equal(events.Location + "2", sibling.Location);
    }

    [Fact]
    public async Task Set_location_into_another_table_is_refused()
    {
        var events = await CreateEventsAsync();
        await Catalog.CreateTableAsync(Neighbour, TempWarehouse.Schema, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<FloeException>(() =>
            Catalog.CommitTableAsync(Neighbour, [], [new MetadataUpdate.SetLocation(events.Location + "/data/moved")], Ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(Events.ToString(), error.Message);
        Assert.NotEqual(events.Location + "/data/moved", (await Catalog.LoadTableAsync(Neighbour, Ct)).Metadata.Location);
    }
}
