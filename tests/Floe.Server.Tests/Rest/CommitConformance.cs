using System.Net;
using System.Text.Json;

namespace Floe.Server.Tests.Rest;

/// <summary>Table commits: every requirement and update kind, their errors, and concurrent committers.</summary>
public abstract class CommitConformance<TBackend>(TBackend backend) : ConformanceBase<TBackend>(backend)
    where TBackend : RestBackend
{
    [Theory]
    [InlineData("""{"type":"assert-create"}""")]
    [InlineData("""{"type":"assert-table-uuid","uuid":"00000000-0000-0000-0000-000000000001"}""")]
    [InlineData("""{"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":5}""")]
    [InlineData("""{"type":"assert-last-assigned-field-id","last-assigned-field-id":9}""")]
    [InlineData("""{"type":"assert-current-schema-id","current-schema-id":4}""")]
    [InlineData("""{"type":"assert-last-assigned-partition-id","last-assigned-partition-id":1005}""")]
    [InlineData("""{"type":"assert-default-spec-id","default-spec-id":3}""")]
    [InlineData("""{"type":"assert-default-sort-order-id","default-sort-order-id":7}""")]
    public async Task A_failed_requirement_is_409_CommitFailed_and_changes_nothing(string requirement)
    {
        var (_, path, result) = await CreateTableAsync();
        string before = result.GetProperty("metadata-location").GetString()!;
        var reply = (await CommitAsync(path, requirement, """{"action":"set-properties","updates":{"changed":"yes"}}"""))
            .IsError(HttpStatusCode.Conflict, "CommitFailedException");
        Assert.False(string.IsNullOrEmpty(reply.ErrorMessage));
        var after = (await Client.GetAsync($"v1/{path}")).Json;
        Assert.Equal(before, after.GetProperty("metadata-location").GetString());
        Assert.False(after.GetProperty("metadata").GetProperty("properties").TryGetProperty("changed", out _));
    }

    [Fact]
    public async Task Requirements_that_hold_let_the_commit_through()
    {
        var (_, path, result) = await CreateTableAsync();
        var metadata = result.GetProperty("metadata");
        string requirements = $$"""
            {"type":"assert-table-uuid","uuid":{{Quote(metadata.GetProperty("table-uuid").GetString()!.ToUpperInvariant())}}},
            {"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":null},
            {"type":"assert-last-assigned-field-id","last-assigned-field-id":3},
            {"type":"assert-current-schema-id","current-schema-id":0},
            {"type":"assert-last-assigned-partition-id","last-assigned-partition-id":999},
            {"type":"assert-default-spec-id","default-spec-id":0},
            {"type":"assert-default-sort-order-id","default-sort-order-id":0}
            """;
        var reply = (await CommitAsync(path, requirements, """{"action":"set-properties","updates":{"a":"1"}}""")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("1", reply.GetProperty("metadata").GetProperty("properties").GetProperty("a").GetString());
        Assert.NotEqual(result.GetProperty("metadata-location").GetString(), reply.GetProperty("metadata-location").GetString());
    }

    [Fact]
    public async Task A_null_or_minus_one_ref_requirement_means_the_ref_must_not_exist()
    {
        var (_, path, result) = await CreateTableAsync();
        string location = result.GetProperty("metadata").GetProperty("location").GetString()!;
        (await CommitAsync(path, """{"type":"assert-ref-snapshot-id","ref":"main","snapshot-id":-1}""", AppendUpdates(7, null, 1, location)))
            .Is(HttpStatusCode.OK);
        (await CommitAsync(path, RefRequirement(null), AppendUpdates(8, 7, 2, location))).IsError(HttpStatusCode.Conflict, "CommitFailedException");
        (await CommitAsync(path, RefRequirement(7), AppendUpdates(8, 7, 2, location))).Is(HttpStatusCode.OK);
        var metadata = await LoadMetadataAsync(path);
        Assert.Equal(8, metadata.GetProperty("current-snapshot-id").GetInt64());
        Assert.Equal(2, metadata.GetProperty("last-sequence-number").GetInt64());
        Assert.Equal(JsonValueKind.Number, metadata.GetProperty("snapshots")[1].GetProperty("snapshot-id").ValueKind);
    }

    [Fact]
    public async Task Large_snapshot_ids_round_trip_as_json_numbers()
    {
        var (_, path, result) = await CreateTableAsync();
        string location = result.GetProperty("metadata").GetProperty("location").GetString()!;
        const long Big = 9_007_199_254_740_993;
        (await CommitAsync(path, RefRequirement(null), AppendUpdates(Big, null, 1, location))).Is(HttpStatusCode.OK);
        var text = (await Client.GetAsync($"v1/{path}")).Text;
        Assert.Contains("\"current-snapshot-id\":9007199254740993", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_update_kind_is_applied()
    {
        var (_, path, result) = await CreateTableAsync();
        string location = result.GetProperty("metadata").GetProperty("location").GetString()!;
        string schema = """{"type":"struct","schema-id":1,"fields":[{"id":1,"name":"id","required":true,"type":"long"},{"id":2,"name":"category","required":true,"type":"string"},{"id":3,"name":"value","required":false,"type":"double"},{"id":4,"name":"note","required":false,"type":"string"}]}""";
        (await CommitAsync(path, """{"type":"assert-last-assigned-field-id","last-assigned-field-id":3}""", $$$"""
            {"action":"upgrade-format-version","format-version":2},
            {"action":"add-schema","schema":{{{schema}}},"last-column-id":4},
            {"action":"set-current-schema","schema-id":-1},
            {"action":"add-spec","spec":{"fields":[{"name":"cat","transform":"identity","source-id":2}]}},
            {"action":"set-default-spec","spec-id":-1},
            {"action":"add-sort-order","sort-order":{"order-id":1,"fields":[{"transform":"identity","source-id":1,"direction":"desc","null-order":"nulls-last"}]}},
            {"action":"set-default-sort-order","sort-order-id":-1},
            {"action":"set-properties","updates":{"a":"1","b":"2"}},
            {"action":"remove-properties","removals":["b"]},
            {{{AppendUpdates(11, null, 1, location)}}},
            {"action":"set-snapshot-ref","ref-name":"audit","type":"tag","snapshot-id":11,"max-ref-age-ms":86400000}
            """)).Is(HttpStatusCode.OK);

        var metadata = await LoadMetadataAsync(path);
        Assert.Equal(1, metadata.GetProperty("current-schema-id").GetInt32());
        Assert.Equal(4, metadata.GetProperty("last-column-id").GetInt32());
        Assert.Equal(1, metadata.GetProperty("default-spec-id").GetInt32());
        Assert.Equal(1000, metadata.GetProperty("last-partition-id").GetInt32());
        Assert.Equal(1, metadata.GetProperty("default-sort-order-id").GetInt32());
        Assert.Equal("1", metadata.GetProperty("properties").GetProperty("a").GetString());
        Assert.False(metadata.GetProperty("properties").TryGetProperty("b", out _));
        Assert.Equal("tag", metadata.GetProperty("refs").GetProperty("audit").GetProperty("type").GetString());
        Assert.Equal(86400000, metadata.GetProperty("refs").GetProperty("audit").GetProperty("max-ref-age-ms").GetInt64());

        string statistics = $$"""{"snapshot-id":11,"statistics-path":{{Quote(location + "/metadata/stats-11.puffin")}},"file-size-in-bytes":10,"file-footer-size-in-bytes":4,"blob-metadata":[]}""";
        string partitionStatistics = $$"""{"snapshot-id":11,"statistics-path":{{Quote(location + "/metadata/partition-stats-11.parquet")}},"file-size-in-bytes":20}""";
        (await CommitAsync(path, RefRequirement(11), $$"""
            {"action":"set-statistics","snapshot-id":11,"statistics":{{statistics}}},
            {"action":"set-partition-statistics","partition-statistics":{{partitionStatistics}}},
            {{AppendUpdates(12, 11, 2, location)}}
            """)).Is(HttpStatusCode.OK);
        metadata = await LoadMetadataAsync(path);
        Assert.Equal(11, metadata.GetProperty("statistics")[0].GetProperty("snapshot-id").GetInt64());
        Assert.Equal(11, metadata.GetProperty("partition-statistics")[0].GetProperty("snapshot-id").GetInt64());

        string newLocation = location + "-moved";
        (await CommitAsync(path, "", $$"""
            {"action":"remove-statistics","snapshot-id":11},
            {"action":"remove-partition-statistics","snapshot-id":11},
            {"action":"remove-snapshot-ref","ref-name":"audit"},
            {"action":"remove-snapshots","snapshot-ids":[11]},
            {"action":"remove-schemas","schema-ids":[0]},
            {"action":"remove-partition-specs","spec-ids":[0]},
            {"action":"set-location","location":{{Quote(newLocation)}}}
            """)).Is(HttpStatusCode.OK);
        metadata = await LoadMetadataAsync(path);
        Assert.Empty(metadata.GetProperty("statistics").EnumerateArray());
        Assert.Empty(metadata.GetProperty("partition-statistics").EnumerateArray());
        Assert.False(metadata.GetProperty("refs").TryGetProperty("audit", out _));
        Assert.Equal([12L], metadata.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("snapshot-id").GetInt64()));
        Assert.Equal([1], metadata.GetProperty("schemas").EnumerateArray().Select(s => s.GetProperty("schema-id").GetInt32()));
        Assert.Equal([1], metadata.GetProperty("partition-specs").EnumerateArray().Select(s => s.GetProperty("spec-id").GetInt32()));
        Assert.Equal(newLocation, metadata.GetProperty("location").GetString());
    }

    [Theory]
    [InlineData("""{"requirements":[],"updates":[{"action":"explode"}]}""", "explode")]
    [InlineData("""{"requirements":[{"type":"assert-nothing"}],"updates":[]}""", "assert-nothing")]
    [InlineData("""{"requirements":[],"updates":[{"action":"set-current-schema"}]}""", "schema-id")]
    [InlineData("""{"requirements":[{"type":"assert-ref-snapshot-id","ref":"main"}],"updates":[]}""", "snapshot-id")]
    [InlineData("""{"requirements":[],"updates":[{"action":"set-properties","updates":{"a":"1"}},{"action":"remove-snapshots","snapshot-ids":"x"}]}""", "updates[1]")]
    [InlineData("""{"requirements":{},"updates":[]}""", "requirements")]
    [InlineData("""{"requirements":[],"updates":"none"}""", "updates")]
    [InlineData("""{"requirements":[],"updates":[],"identifier":{"namespace":["other"],"name":"t"}}""", "identifier")]
    [InlineData("""[1,2]""", "object")]
    [InlineData("""{"requirements":[],"updates":[{"action":"set-current-schema","schema-id":42}]}""", "42")]
    [InlineData("""{"requirements":[],"updates":[{"action":"set-properties","updates":{"a":"1","a":"2"}}]}""", "key \"a\" appears twice in $.updates[0].updates")]
    [InlineData("""{"requirements":[],"requirements":[{"type":"assert-create"}],"updates":[]}""", "key \"requirements\" appears twice in $;")]
    public async Task A_bad_commit_is_400_naming_the_problem_and_changes_nothing(string body, string named)
    {
        var (_, path, result) = await CreateTableAsync();
        var reply = (await Client.PostAsync($"v1/{path}", body)).IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains(named, reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(result.GetProperty("metadata-location").GetString(), (await Client.GetAsync($"v1/{path}")).Json.GetProperty("metadata-location").GetString());
    }

    [Theory]
    [InlineData("""{"updates":[{"action":"set-properties","updates":{"a":"1"}}]}""", "1")]
    [InlineData("""{"requirements":null,"updates":[{"action":"set-properties","updates":{"a":"2"}}]}""", "2")]
    [InlineData("""{"requirements":[]}""", null)]
    [InlineData("""{}""", null)]
    public async Task Missing_requirements_or_updates_are_empty(string body, string? expected)
    {
        var (_, path, _) = await CreateTableAsync();
        var reply = (await Client.PostAsync($"v1/{path}", body)).Is(HttpStatusCode.OK).Json;
        var properties = reply.GetProperty("metadata").GetProperty("properties");
        Assert.Equal(expected, properties.TryGetProperty("a", out var a) ? a.GetString() : null);
    }

    [Fact]
    public async Task A_commit_body_that_is_not_utf8_is_400_naming_the_byte()
    {
        var (_, path, result) = await CreateTableAsync();
        byte[] body = [.. "{\"requirements\":[],\"updates\":[{\"action\":\"set-properties\",\"updates\":{\"a\":\""u8, 0xC3, .. "\"}}]}"u8];
        var reply = (await Client.SendAsync(HttpMethod.Post, $"v1/{path}", configure: request =>
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } }))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains("not valid UTF-8 (byte 73 ", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(result.GetProperty("metadata-location").GetString(), (await Client.GetAsync($"v1/{path}")).Json.GetProperty("metadata-location").GetString());
    }

    [Fact]
    public async Task Set_location_outside_the_warehouse_is_400()
    {
        var (_, path, _) = await CreateTableAsync();
        (await CommitAsync(path, "", $$"""{"action":"set-location","location":{{Quote(Path.GetTempPath())}}}"""))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Commit_to_a_missing_table_names_what_is_missing()
    {
        string ns = await CreateNamespaceAsync(UniqueName());
        (await CommitAsync($"namespaces/{ns}/tables/none", "", """{"action":"set-properties","updates":{"a":"1"}}"""))
            .IsError(HttpStatusCode.NotFound, "NoSuchTableException");
        (await CommitAsync($"namespaces/{UniqueName()}/tables/none", "", """{"action":"set-properties","updates":{"a":"1"}}"""))
            .IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
    }

    [Fact]
    public async Task Parallel_committers_lose_no_update()
    {
        var (_, path, result) = await CreateTableAsync();
        string location = result.GetProperty("metadata").GetProperty("location").GetString()!;
        string uuid = result.GetProperty("metadata").GetProperty("table-uuid").GetString()!;
        const int Writers = 6, AppendsEach = 3;
        int conflicts = 0;

        async Task WriterAsync(int writer)
        {
            for (int i = 0; i < AppendsEach; i++)
            {
                long id = 1000 + (writer * 100) + i;
                while (true)
                {
                    var metadata = await LoadMetadataAsync(path);
                    long? parent = CurrentSnapshot(metadata);
                    long sequence = metadata.GetProperty("last-sequence-number").GetInt64() + 1;
                    var reply = await CommitAsync(path,
                        $$"""{"type":"assert-table-uuid","uuid":{{Quote(uuid)}}},{{RefRequirement(parent)}}""",
                        AppendUpdates(id, parent, sequence, location));
                    if (reply.Status == HttpStatusCode.OK)
                    {
                        break;
                    }

                    reply.IsError(HttpStatusCode.Conflict, "CommitFailedException");
                    Interlocked.Increment(ref conflicts);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriterAsync(w))));

        var final = await LoadMetadataAsync(path);
        var snapshots = final.GetProperty("snapshots").EnumerateArray().ToDictionary(s => s.GetProperty("snapshot-id").GetInt64());
        Assert.Equal(Writers * AppendsEach, snapshots.Count);
        Assert.Equal(Writers * AppendsEach, final.GetProperty("last-sequence-number").GetInt64());

        // Every snapshot is on main's ancestry: no commit replaced another.
        int chain = 0;
        for (long? id = CurrentSnapshot(final); id is long current; chain++)
        {
            id = snapshots[current].TryGetProperty("parent-snapshot-id", out var parent) ? parent.GetInt64() : null;
        }

        Assert.Equal(Writers * AppendsEach, chain);
    }
}
