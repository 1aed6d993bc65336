using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Errors;
using Floe.Core.Properties;
using Floe.TestKit;

namespace Floe.PrimaryKeys.Tests.Catalog;

public sealed class FileSystemCatalogPrimaryKeyTests : IDisposable
{
    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), "floe-mixed-catalog-" + Guid.NewGuid().ToString("N"));
    private readonly FileSystemCatalog _catalog;
    private readonly TableIdentifier _users = TableIdentifier.Parse("db.users");

    public FileSystemCatalogPrimaryKeyTests()
    {
        _catalog = new FileSystemCatalog(_warehouse);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_warehouse, recursive: true);

    private async Task<PrimaryKeyTable> CreateAsync()
    {
        await _catalog.CreateNamespaceAsync(Namespace.Of("db"), Ct);
        return await _catalog.CreatePrimaryKeyTableAsync(_users, TestTable.DefaultSchema, ["id"], properties: new Dictionary<string, string> { [PrimaryKeyProperties.BaseHashBucket.Key] = "2" }, cancellationToken: Ct);
    }

    [Fact]
    public async Task A_primary_key_table_is_a_folder_of_two_stores_listed_as_one_table_whose_plain_view_is_the_base()
    {
        PrimaryKeyTable created = await CreateAsync();
        string root = Path.Combine(_warehouse, "db", "users");
        Assert.Equal(root, created.Location);
        Assert.True(File.Exists(Path.Combine(root, "base", "metadata", "v1.metadata.json")));
        Assert.True(File.Exists(Path.Combine(root, "change", "metadata", "v1.metadata.json")));
        Assert.False(Directory.Exists(Path.Combine(root, "metadata")));

        Assert.Equal([_users], await _catalog.ListTablesAsync(Namespace.Of("db"), Ct));
        Assert.Empty(await _catalog.ListNamespacesAsync(Namespace.Of("db"), Ct));
        Assert.True(await _catalog.TableExistsAsync(_users, Ct));
        Assert.True(await _catalog.IsPrimaryKeyTableAsync(_users, Ct));
        var plain = (await _catalog.LoadTableAsync(_users, Ct)).Metadata;
        Assert.Equal("base", plain.Property(PrimaryKeyProperties.TableStore.Key));
        Assert.Equal(Path.Combine(root, "base"), plain.Location);

        await Rows.UpsertAsync(created, (1, "a", 1), (2, "b", 2));
        PrimaryKeyTable loaded = await _catalog.LoadPrimaryKeyTableAsync(_users, Ct);
        Assert.Equal(2, loaded.BaseBuckets);
        Assert.Equal([(1, "a", 1), (2, "b", 2)], await Rows.ReadAsync(loaded.NewScan()));
        Assert.Equal(FloeErrorKind.AlreadyExists, (await Assert.ThrowsAsync<FloeException>(() => _catalog.CreatePrimaryKeyTableAsync(_users, TestTable.DefaultSchema, ["id"], cancellationToken: Ct))).Kind);
        Assert.Equal(FloeErrorKind.AlreadyExists, (await Assert.ThrowsAsync<FloeException>(() => _catalog.CreateTableAsync(_users, TestTable.DefaultSchema, cancellationToken: Ct))).Kind);
    }

    [Fact]
    public async Task Plain_and_missing_tables_are_not_loaded_as_primary_key_tables()
    {
        await CreateAsync();
        var plainId = TableIdentifier.Parse("db.plain");
        await _catalog.CreateTableAsync(plainId, TestTable.DefaultSchema, cancellationToken: Ct);
        Assert.False(await _catalog.IsPrimaryKeyTableAsync(plainId, Ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, (await Assert.ThrowsAsync<FloeException>(() => _catalog.LoadPrimaryKeyTableAsync(plainId, Ct))).Kind);
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(() => _catalog.LoadPrimaryKeyTableAsync(TableIdentifier.Parse("db.none"), Ct))).Kind);
    }

    [Fact]
    public async Task Drop_removes_both_stores_and_purge_removes_the_folder()
    {
        PrimaryKeyTable created = await CreateAsync();
        await Rows.UpsertAsync(created, (1, "a", 1));
        Assert.True(await _catalog.DropTableAsync(_users, purge: false, Ct));
        Assert.False(await _catalog.TableExistsAsync(_users, Ct));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(_warehouse, "db", "users", "change", "data"), "*.parquet", SearchOption.AllDirectories));

        var again = TableIdentifier.Parse("db.again");
        PrimaryKeyTable second = await _catalog.CreatePrimaryKeyTableAsync(again, TestTable.DefaultSchema, ["id"], cancellationToken: Ct);
        await Rows.UpsertAsync(second, (1, "a", 1));
        Assert.True(await _catalog.DropTableAsync(again, purge: true, Ct));
        Assert.False(Directory.Exists(Path.Combine(_warehouse, "db", "again")));
        Assert.False(await _catalog.DropTableAsync(again, purge: true, Ct));
    }

    [Fact]
    public async Task Rename_moves_both_stores_of_an_empty_table()
    {
        await CreateAsync();
        var renamed = TableIdentifier.Parse("db.people");
        await _catalog.RenameTableAsync(_users, renamed, Ct);
        Assert.False(await _catalog.TableExistsAsync(_users, Ct));
        PrimaryKeyTable moved = await _catalog.LoadPrimaryKeyTableAsync(renamed, Ct);
        Assert.Equal(Path.Combine(_warehouse, "db", "people", "base"), moved.BaseTable.Metadata.Location);
        Assert.Equal(Path.Combine(_warehouse, "db", "people", "change"), moved.ChangeTable.Metadata.Location);

        await Rows.UpsertAsync(moved, (1, "a", 1));
        Assert.Equal(FloeErrorKind.Unsupported, (await Assert.ThrowsAsync<FloeException>(() => _catalog.RenameTableAsync(renamed, _users, Ct))).Kind);
    }
}
