using Floe.Common.Errors;

namespace Floe.Catalog.Tests.Contract;

/// <summary>Declared table properties are checked where tables are created and where their properties are set.</summary>
public abstract partial class CatalogContractTests
{
    [Theory]
    [InlineData("write.target-file-size-bytes", "12MB")]
    [InlineData("commit.manifest-merge.enabled", "sometimes")]
    [InlineData("base.file-index.hash-bucket", "3")]
    [InlineData("optimize.quota", "0")]
    public async Task A_bad_value_of_a_declared_property_is_refused_at_create_naming_the_key(string key, string value)
    {
        var error = await Assert.ThrowsAsync<FloeException>(() => CreateEventsAsync(new Dictionary<string, string> { [key] = value }));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.False(await Catalog.TableExistsAsync(Events, Ct));
    }

    [Theory]
    [InlineData("write.delete.mode", "sometimes")]
    [InlineData("write.metadata.metrics.column.id", "truncate(0)")]
    [InlineData("self-optimizing.min-target-size-ratio", "1.5")]
    [InlineData("change.data.ttl.minutes", "-1")]
    public async Task A_bad_value_of_a_declared_property_is_refused_at_set_properties_naming_the_key(string key, string value)
    {
        var created = await CreateEventsAsync();

        var error = await Assert.ThrowsAsync<FloeException>(() => Catalog.CommitTableAsync(Events, [], [SetProperty(key, value)], Ct));

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        var current = (await Catalog.LoadTableAsync(Events, Ct)).Metadata;
        Assert.Equal(created.MetadataFileLocation, current.MetadataFileLocation);
        Assert.Null(current.Property(key));
    }

    [Fact]
    public async Task Unknown_keys_and_good_values_are_stored_as_given()
    {
        await CreateEventsAsync(new Dictionary<string, string> { ["write.target-file-size-bytes"] = "1024" });

        var updated = await Catalog.CommitTableAsync(Events, [], [SetProperty("my.own.key", "anything"), SetProperty("write.delete.mode", "Copy-On-Write")], Ct);

        Assert.Equal("1024", updated.Property("write.target-file-size-bytes"));
        Assert.Equal("anything", updated.Property("my.own.key"));
        Assert.Equal("Copy-On-Write", updated.Property("write.delete.mode"));
    }
}
