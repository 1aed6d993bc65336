using Floe.Common.Errors;
using Floe.Core.Properties;
using Floe.Core.Sorting;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Operations;

public sealed class RetryPolicyAndSortOrderTests : IDisposable
{
    private readonly TableFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Retry_policy_reads_properties_and_backs_off_within_bounds()
    {
        var table = await _fixture.CreateAsync(new Dictionary<string, string>
        {
            [CommitRetryProperties.NumRetries.Key] = "7",
            [CommitRetryProperties.MinWaitMs.Key] = "10",
            [CommitRetryProperties.MaxWaitMs.Key] = "50",
            [CommitRetryProperties.TotalTimeoutMs.Key] = "9000",
        });

        var policy = RetryPolicy.From(table.Metadata);

        Assert.Equal(new RetryPolicy(7, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(9000)), policy);
        for (int i = 0; i < 50; i++)
        {
            Assert.InRange(policy.Delay(1).TotalMilliseconds, 5, 10);
            Assert.InRange(policy.Delay(2).TotalMilliseconds, 10, 20);
            Assert.InRange(policy.Delay(30).TotalMilliseconds, 25, 50);
        }
    }

    [Fact]
    public async Task Retry_policy_defaults_are_icebergs()
    {
        var table = await _fixture.CreateAsync(new Dictionary<string, string>());

        var policy = RetryPolicy.From(table.Metadata);

        Assert.Equal(new RetryPolicy(4, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(60_000), TimeSpan.FromMilliseconds(1_800_000)), policy);
    }

    [Fact]
    public async Task Replace_sort_order_sets_a_new_default_and_reuses_equal_orders()
    {
        var table = await _fixture.CreateAsync();

        var sorted = await table.ReplaceSortOrder().Asc("id").Desc("data").CommitAsync(_ct);

        Assert.Equal(1, sorted.DefaultSortOrderId);
        Assert.Equal([SortDirection.Ascending, SortDirection.Descending], sorted.DefaultSortOrder.Fields.Select(f => f.Direction));
        var unsorted = await table.ReplaceSortOrder().CommitAsync(_ct);
        Assert.Equal(0, unsorted.DefaultSortOrderId);
        var again = await table.ReplaceSortOrder().Asc("id").Desc("data").CommitAsync(_ct);
        Assert.Equal(1, again.DefaultSortOrderId);
        Assert.Equal(2, again.SortOrders.Count);
    }

    [Fact]
    public async Task Replace_sort_order_unknown_column_fails_when_added()
    {
        var table = await _fixture.CreateAsync();

        Assert.ThrowsAny<FloeException>(() => table.ReplaceSortOrder().Asc("missing"));
    }
}
