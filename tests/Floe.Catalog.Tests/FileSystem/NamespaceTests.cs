using Floe.Common.Errors;

namespace Floe.Catalog.Tests.FileSystem;

public sealed class NamespaceTests : IDisposable
{
    private readonly TempWarehouse _warehouse = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _warehouse.Dispose();

    [Fact]
    public async Task Create_list_exists_drop()
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
    public async Task Create_twice_is_already_exists()
    {
        await _warehouse.Catalog.CreateNamespaceAsync(Namespace.Of("db"), _ct);

        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.CreateNamespaceAsync(Namespace.Of("db"), _ct));

        Assert.Equal(FloeErrorKind.AlreadyExists, error.Kind);
    }

    [Fact]
    public async Task Drop_non_empty_is_rejected_and_keeps_the_table()
    {
        await _warehouse.CreateEventsAsync();

        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.DropNamespaceAsync(Namespace.Of("db"), _ct));

        Assert.Equal(FloeErrorKind.NotEmpty, error.Kind);
        Assert.True(await _warehouse.Catalog.TableExistsAsync(TempWarehouse.Events, _ct));
    }

    [Fact]
    public async Task Tables_are_not_namespaces()
    {
        await _warehouse.CreateEventsAsync();

        Assert.Empty(await _warehouse.Catalog.ListNamespacesAsync(Namespace.Of("db"), _ct));
        Assert.False(await _warehouse.Catalog.NamespaceExistsAsync(Namespace.Of("db", "events"), _ct));
        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.CreateNamespaceAsync(Namespace.Of("db", "events", "x"), _ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public async Task Listing_a_missing_namespace_is_not_found()
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.ListTablesAsync(Namespace.Of("nope"), _ct));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Root_namespace_cannot_be_dropped()
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => _warehouse.Catalog.DropNamespaceAsync(Namespace.Empty, _ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
    }
}
