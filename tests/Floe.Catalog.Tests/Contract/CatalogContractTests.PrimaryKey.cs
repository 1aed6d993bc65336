using Floe.Common.Errors;
using Floe.PrimaryKeys;

namespace Floe.Catalog.Tests.Contract;

/// <summary>Primary-key tables: the same three methods on every catalog.</summary>
public abstract partial class CatalogContractTests
{
    private static readonly TableIdentifier Users = TableIdentifier.Of("db", "users");

    private async Task<PrimaryKeyTable> CreateUsersAsync()
    {
        await Catalog.CreateNamespaceAsync(Users.Namespace, Ct);
        return await Catalog.CreatePrimaryKeyTableAsync(Users, TempWarehouse.Schema, ["id"], properties: new Dictionary<string, string> { ["owner"] = "etl" }, cancellationToken: Ct);
    }

    [Fact]
    public async Task Primary_key_table_creates_both_stores_lists_once_and_loads_as_its_base_store()
    {
        PrimaryKeyTable created = await CreateUsersAsync();

        Assert.Equal(["id"], created.PrimaryKey.Names);
        Assert.Equal("etl", created.BaseTable.Metadata.Property("owner"));
        Assert.NotEqual(created.BaseTable.Metadata.TableUuid, created.ChangeTable.Metadata.TableUuid);
        Assert.True(await Catalog.IsPrimaryKeyTableAsync(Users, Ct));
        Assert.Equal([Users], await Catalog.ListTablesAsync(Users.Namespace, Ct));
        Assert.Equal(created.BaseTable.Metadata.TableUuid, (await Catalog.LoadTableAsync(Users, Ct)).Metadata.TableUuid);

        PrimaryKeyTable loaded = await Catalog.LoadPrimaryKeyTableAsync(Users, Ct);
        Assert.Equal(created.BaseTable.Metadata.TableUuid, loaded.BaseTable.Metadata.TableUuid);
        Assert.Equal(created.ChangeTable.Metadata.TableUuid, loaded.ChangeTable.Metadata.TableUuid);
        Assert.Equal(FloeErrorKind.AlreadyExists, (await Assert.ThrowsAsync<FloeException>(
            () => Catalog.CreatePrimaryKeyTableAsync(Users, TempWarehouse.Schema, ["id"], cancellationToken: Ct))).Kind);
    }

    [Fact]
    public async Task Primary_key_table_commits_through_each_store()
    {
        PrimaryKeyTable created = await CreateUsersAsync();
        await created.ChangeTable.UpdateProperties().Set("through", "change").CommitAsync(Ct);

        PrimaryKeyTable loaded = await Catalog.LoadPrimaryKeyTableAsync(Users, Ct);
        Assert.Equal("change", loaded.ChangeTable.Metadata.Property("through"));
        Assert.Null(loaded.BaseTable.Metadata.Property("through"));
    }

    [Fact]
    public async Task Primary_key_methods_on_a_plain_or_missing_table()
    {
        await CreateEventsAsync();

        Assert.False(await Catalog.IsPrimaryKeyTableAsync(Events, Ct));
        Assert.False(await Catalog.IsPrimaryKeyTableAsync(TableIdentifier.Of("db", "missing"), Ct));
        Assert.Equal(FloeErrorKind.InvalidArgument, (await Assert.ThrowsAsync<FloeException>(() => Catalog.LoadPrimaryKeyTableAsync(Events, Ct))).Kind);
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(() => Catalog.LoadPrimaryKeyTableAsync(TableIdentifier.Of("db", "missing"), Ct))).Kind);
        Assert.Equal(FloeErrorKind.NotFound, (await Assert.ThrowsAsync<FloeException>(
            () => Catalog.CreatePrimaryKeyTableAsync(TableIdentifier.Of("nowhere", "t"), TempWarehouse.Schema, ["id"], cancellationToken: Ct))).Kind);
    }
}
