using System.Collections.Concurrent;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.PrimaryKeys;
using Floe.Table.Operations;

namespace Floe.Catalog.Tests.Contract;

/// <summary>Every catalog reports the commits made through it (<see cref="ICommitObservable"/>).</summary>
public abstract partial class CatalogContractTests
{
    [Fact]
    public async Task Every_commit_that_stands_is_reported_with_its_table_and_a_refused_one_is_not()
    {
        var seen = new ConcurrentQueue<TableIdentifier>();
        Assert.IsAssignableFrom<ICommitObservable>(Catalog).TableCommitted += seen.Enqueue;
        await CreateEventsAsync();
        Assert.Empty(seen);

        IcebergTable table = await Catalog.LoadTableAsync(Events, Ct);
        await table.Operations.CommitAsync(table.Metadata, WithProperty(table.Metadata, "a", "1"), Ct);
        await Catalog.CommitTableAsync(Events, [], [SetProperty("b", "2")], Ct);
        TableMetadata current = (await Catalog.LoadTableAsync(Events, Ct)).Metadata;
        await Catalog.CommitTableAsync(Events, current, WithProperty(current, "c", "3"), Ct);
        await Catalog.CommitTransactionAsync([new TableCommit(Events, [], [SetProperty("d", "4")])], Ct);
        Assert.Equal(FloeErrorKind.CommitConflict, (await Assert.ThrowsAsync<FloeException>(
            () => Catalog.CommitTableAsync(Events, current, WithProperty(current, "e", "5"), Ct))).Kind);
        Assert.Equal([Events, Events, Events, Events], seen);

        seen.Clear();
        PrimaryKeyTable users = await Catalog.CreatePrimaryKeyTableAsync(Users, TempWarehouse.Schema, ["id"], cancellationToken: Ct);
        await users.ChangeTable.UpdateProperties().Set("through", "change").CommitAsync(Ct);
        await users.BaseTable.UpdateProperties().Set("through", "base").CommitAsync(Ct);
        Assert.Equal([Users, Users], seen);
    }
}
