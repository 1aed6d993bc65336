using Floe.Common.Errors;

namespace Floe.Catalog.Tests.FileSystem;

public sealed class NamespaceTests : IDisposable
{
    private readonly TempWarehouse _warehouse = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public async Task CreateListExistsDrop()
    {
        var catalog = _warehouse.Catalog;
        await catalog.CreateNamespaceAsync(Namespace.Of("b"), _ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("a"), _ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("a", "inner"), _ct);

        Assert.Equal([Namespace.Of("a"), Namespace.Of("b")], await catalog.ListNamespacesAsync(Namespace.Empty, _ct));
        Assert.Equal([Namespace.Of("a", "inner")], await catalog.ListNamespacesAsync(Namespace.Of("a"), _ct));
        Assert.True(await catalog.NamespaceExistsAsync(Namespace.Of("a", "inner"), _ct));
        Assert.False(await catalog.NamespaceExistsAsync(Namespace.Of("c"), _ct));

        Assert.True(await catalog.DropNamespaceAsync(Namespace.Of("b"), _ct));
        Assert.False(await catalog.DropNamespaceAsync(Namespace.Of("b"), _ct));
        Assert.Equal([Namespace.Of("a")], await catalog.ListNamespacesAsync(Namespace.Empty, _ct));
    }

    [Fact]
    public async Task CreateTwice_IsAlreadyExists()
    {
        await _warehouse.Catalog.CreateNamespaceAsync(Namespace.Of("db"), _ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.CreateNamespaceAsync(Namespace.Of("db"), _ct));

        Assert.Equal(FloeErrorKind.AlreadyExists, error.Kind);
    }

    [Fact]
    public async Task DropNonEmpty_IsRejectedAndKeepsTheTable()
    {
        await _warehouse.CreateEventsAsync();

        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.DropNamespaceAsync(Namespace.Of("db"), _ct));

        Assert.Equal(FloeErrorKind.NotEmpty, error.Kind);
        Assert.True(await _warehouse.Catalog.TableExistsAsync(TempWarehouse.Events, _ct));
    }

    [Fact]
    public async Task Tables_AreNotNamespaces()
    {
        await _warehouse.CreateEventsAsync();

        Assert.Empty(await _warehouse.Catalog.ListNamespacesAsync(Namespace.Of("db"), _ct));
        Assert.False(await _warehouse.Catalog.NamespaceExistsAsync(Namespace.Of("db", "events"), _ct));
        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.CreateNamespaceAsync(Namespace.Of("db", "events", "x"), _ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task ListingAMissingNamespace_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.ListTablesAsync(Namespace.Of("nope"), _ct));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task RootNamespace_CannotBeDropped()
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.DropNamespaceAsync(Namespace.Empty, _ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }
}
