using Floe.Catalog.FileSystem;
using Floe.Core.Metadata;

namespace Floe.Catalog.Tests.Contract;

/// <summary>The shared catalog behaviour against the filesystem catalog.</summary>
public sealed class FileSystemCatalogContractTests : CatalogContractTests
{
    protected override Task<ICatalog> OpenCatalogAsync() => Task.FromResult<ICatalog>(new FileSystemCatalog(TempFolder("fs-warehouse")));

    [Fact]
    public async Task Parallel_rest_committers_are_replanned_after_a_lost_race_and_lose_no_commit()
    {
        var created = await CreateEventsAsync();
        const int Writers = 4;
        const int CommitsEach = 5;

        // Two catalog instances over one warehouse, as two server processes: their commits race for the next version.
        ICatalog[] instances = [Catalog, new FileSystemCatalog(((FileSystemCatalog)Catalog).Warehouse)];
        UpdateRequirement[] sameTable = [new UpdateRequirement.AssertTableUuid(created.TableUuid!.Value)];

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (int i = 0; i < CommitsEach; i++)
            {
                await instances[writer % 2].CommitTableAsync(Events, sameTable, [SetProperty($"test-{writer}-{i}", "x")], Ct);
            }
        }, Ct)));

        var loaded = (await Catalog.LoadTableAsync(Events, Ct)).Metadata;
        Assert.Equal(Writers * CommitsEach, loaded.Properties.Keys.Count(k => k.StartsWith("test-", StringComparison.Ordinal)));
        Assert.Equal(Writers * CommitsEach, loaded.MetadataLog.Count);
    }

    [Fact]
    public async Task Namespace_properties_live_in_a_file_no_name_can_clash_with()
    {
        var catalog = (FileSystemCatalog)Catalog;
        await catalog.CreateNamespaceAsync(Namespace.Of("db"), new Dictionary<string, string> { ["a"] = "b" }, Ct);

        Assert.True(File.Exists(Path.Combine(catalog.Warehouse, "db", FileSystemCatalog.NamespacePropertiesFileName)));
        Assert.Empty(await catalog.ListNamespacesAsync(Namespace.Of("db"), Ct));
        Assert.True(await catalog.DropNamespaceAsync(Namespace.Of("db"), Ct));
    }

    [Fact]
    public async Task Damaged_namespace_properties_are_invalid_data()
    {
        var catalog = (FileSystemCatalog)Catalog;
        await catalog.CreateNamespaceAsync(Namespace.Of("db"), Ct);
        await File.WriteAllTextAsync(Path.Combine(catalog.Warehouse, "db", FileSystemCatalog.NamespacePropertiesFileName), "{\"a\": 1}", Ct);

        var error = await Assert.ThrowsAsync<Floe.Common.Errors.FloeException>(() => catalog.LoadNamespacePropertiesAsync(Namespace.Of("db"), Ct));

        Assert.Equal(Floe.Common.Errors.FloeErrorKind.InvalidData, error.Kind);
        Assert.Contains(FileSystemCatalog.NamespacePropertiesFileName, error.Message, StringComparison.Ordinal);
    }
}
