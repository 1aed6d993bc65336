using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Core.Transforms;
using Floe.Core.Types;
using Floe.Table.Operations;

namespace Floe.Table.Tests.Operations;

public sealed class MetadataChangeTests : IDisposable
{
    private readonly TableFixture _fixture = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Update_properties_sets_and_removes()
    {
        var table = await _fixture.CreateAsync();
        await table.UpdateProperties().Set("a", "1").Set("b", "2").CommitAsync(_ct);

        var stored = await table.UpdateProperties().Remove("a").Set("c", "3").CommitAsync(_ct);

        Assert.Null(stored.Property("a"));
        Assert.Equal("2", stored.Property("b"));
        Assert.Equal("3", (await _fixture.LoadAsync()).Property("c"));
        Assert.EndsWith("v3.metadata.json", stored.MetadataFileLocation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_properties_set_and_remove_same_key_is_rejected()
    {
        var table = await _fixture.CreateAsync();

        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => table.UpdateProperties().Set("a", "1").Remove("a")).Kind);
        Assert.Equal(FloeErrorKind.InvalidArgument, Assert.Throws<FloeException>(() => table.UpdateProperties().Remove("a").Set("a", "1")).Kind);
    }

    [Fact]
    public async Task Stale_table_retries_on_fresh_metadata_and_keeps_the_other_writers_change()
    {
        var table = await _fixture.CreateAsync();
        var other = await _fixture.OpenAsync();
        await other.UpdateProperties().Set("other", "x").CommitAsync(_ct);

        var stored = await table.UpdateProperties().Set("mine", "y").CommitAsync(_ct);

        Assert.Equal("x", stored.Property("other"));
        Assert.Equal("y", stored.Property("mine"));
        Assert.EndsWith("v3.metadata.json", stored.MetadataFileLocation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retries_exhausted_is_commit_conflict()
    {
        var table = await _fixture.CreateAsync(new Dictionary<string, string> { [CommitRetryProperties.NumRetries.Key] = "2", [CommitRetryProperties.MinWaitMs.Key] = "1" });
        var contested = new AlwaysConflicting(table.Operations, _fixture);

        var error = await Assert.ThrowsAsync<FloeException>(() => new IcebergTable("t", contested).UpdateProperties().Set("mine", "y").CommitAsync(_ct));

        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.Equal(3, contested.Attempts);
        Assert.Null((await _fixture.LoadAsync()).Property("mine"));
    }

    [Fact]
    public async Task Evolve_schema_adds_a_column_with_a_fresh_id()
    {
        var table = await _fixture.CreateAsync();

        var stored = await table.EvolveSchema().Edit(s => s.AddColumn("note", PrimitiveType.String)).CommitAsync(_ct);

        Assert.Equal(1, stored.CurrentSchemaId);
        Assert.Equal(3, stored.CurrentSchema.FindField("note")!.Id);
        Assert.Equal(3, stored.LastColumnId);
        Assert.Equal(2, stored.Schemas.Count);
    }

    [Fact]
    public async Task Evolve_schema_after_a_concurrent_schema_change_fails_validation_without_retry()
    {
        var table = await _fixture.CreateAsync();
        var change = table.EvolveSchema().Edit(s => s.AddColumn("mine", PrimitiveType.Int));
        var other = await _fixture.OpenAsync();
        await other.EvolveSchema().Edit(s => s.AddColumn("theirs", PrimitiveType.Int)).CommitAsync(_ct);

        var error = await Assert.ThrowsAsync<ValidationException>(() => change.CommitAsync(_ct));

        Assert.Equal(FloeErrorKind.CommitConflict, error.Kind);
        Assert.Null((await _fixture.LoadAsync()).CurrentSchema.FindField("mine"));
    }

    [Fact]
    public async Task Evolve_schema_invalid_edit_fails_when_made()
    {
        var table = await _fixture.CreateAsync();

        Assert.ThrowsAny<FloeException>(() => table.EvolveSchema().Edit(s => s.DeleteColumn("missing")));
    }

    [Fact]
    public async Task Evolve_partition_spec_adds_a_default_spec()
    {
        var table = await _fixture.CreateAsync();

        var stored = await table.EvolvePartitionSpec().Edit(p => p.AddField("id", Transform.Bucket(4))).CommitAsync(_ct);

        Assert.Equal(1, stored.DefaultSpecId);
        var field = Assert.Single(stored.DefaultSpec.Fields);
        Assert.Equal(1, field.SourceId);
        Assert.Equal(1000, field.FieldId);
    }

    [Fact]
    public async Task Transaction_commits_several_changes_as_one_version()
    {
        var table = await _fixture.CreateAsync();

        var stored = await table.NewTransaction()
            .Add(table.UpdateProperties().Set("a", "1"))
            .Add(table.EvolveSchema().Edit(s => s.AddColumn("note", PrimitiveType.String)))
            .CommitAsync(_ct);

        Assert.EndsWith("v2.metadata.json", stored.MetadataFileLocation, StringComparison.Ordinal);
        Assert.Equal("1", stored.Property("a"));
        Assert.NotNull(stored.CurrentSchema.FindField("note"));
    }

    [Fact]
    public async Task Transaction_commits_only_once()
    {
        var table = await _fixture.CreateAsync();
        var transaction = table.NewTransaction().Add(table.UpdateProperties().Set("a", "1"));
        await transaction.CommitAsync(_ct);

        await Assert.ThrowsAsync<FloeException>(() => transaction.CommitAsync(_ct));
    }

    [Fact]
    public async Task Parallel_writers_lose_no_commit()
    {
        await _fixture.CreateAsync();
        const int Writers = 4;
        const int CommitsEach = 5;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var table = await _fixture.OpenAsync();
            for (int i = 0; i < CommitsEach; i++)
            {
                await table.UpdateProperties().Set($"writer{w}-{i}", "done").CommitAsync(_ct);
            }
        }, _ct)));

        var final = await _fixture.LoadAsync();
        Assert.Equal(Writers * CommitsEach, final.Properties.Keys.Count(k => k.StartsWith("writer", StringComparison.Ordinal)));
        Assert.EndsWith($"v{1 + (Writers * CommitsEach)}.metadata.json", final.MetadataFileLocation, StringComparison.Ordinal);
    }

    /// <summary>Operations where another writer always commits first, so every attempt conflicts.</summary>
    private sealed class AlwaysConflicting(ITableOperations inner, TableFixture fixture) : ITableOperations
    {
        public int Attempts { get; private set; }

        public Floe.Core.IO.IFileIO Io => inner.Io;

        public TableMetadata Current => inner.Current;

        public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => inner.RefreshAsync(cancellationToken);

        public async Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
        {
            Attempts++;
            var other = await fixture.OpenAsync();
            await other.UpdateProperties().Set("other", Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)).CommitAsync(cancellationToken);
            return await inner.CommitAsync(baseMetadata, updated, cancellationToken);
        }
    }
}
