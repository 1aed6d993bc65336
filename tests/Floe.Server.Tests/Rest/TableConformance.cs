using System.Net;
using System.Text.Json;

namespace Floe.Server.Tests.Rest;

/// <summary>Table routes other than commits: create, stage-create, list, load, exists, drop, rename, register.</summary>
public abstract class TableConformance<TBackend>(TBackend backend) : ConformanceBase<TBackend>(backend)
    where TBackend : RestBackend
{
    [Fact]
    public async Task Create_returns_the_load_result_with_fresh_metadata()
    {
        var (ns, path, result) = await CreateTableAsync(
            """
            "partition-spec":{"fields":[{"name":"category","transform":"identity","source-id":2}]},
            "write-order":{"fields":[{"transform":"identity","source-id":1,"direction":"asc","null-order":"nulls-first"}]},
            "properties":{"owner":"ana"}
            """);
        Assert.EndsWith(".metadata.json", result.GetProperty("metadata-location").GetString(), StringComparison.Ordinal);
        var metadata = result.GetProperty("metadata");
        Assert.Equal(2, metadata.GetProperty("format-version").GetInt32());
        Assert.Equal(-1, metadata.GetProperty("current-snapshot-id").GetInt64());
        Assert.Equal(3, metadata.GetProperty("last-column-id").GetInt32());
        Assert.Equal("ana", metadata.GetProperty("properties").GetProperty("owner").GetString());
        var spec = metadata.GetProperty("partition-specs")[0].GetProperty("fields")[0];
        Assert.Equal(1000, spec.GetProperty("field-id").GetInt32());
        Assert.Equal(2, spec.GetProperty("source-id").GetInt32());
        Assert.Equal(1, metadata.GetProperty("default-sort-order-id").GetInt32());
        Assert.Equal(JsonValueKind.Object, result.GetProperty("config").ValueKind);

        var loaded = await LoadMetadataAsync(path);
        Assert.Equal(metadata.GetProperty("table-uuid").GetString(), loaded.GetProperty("table-uuid").GetString());
        (await Client.HeadAsync($"v1/{path}")).Is(HttpStatusCode.NoContent);
        Assert.Contains(ns, path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_an_existing_table_is_409_and_in_a_missing_namespace_404()
    {
        var (ns, _, _) = await CreateTableAsync();
        (await Client.PostAsync($"v1/namespaces/{ns}/tables", $$"""{"name":"t","schema":{{SchemaJson}}}"""))
            .IsError(HttpStatusCode.Conflict, "AlreadyExistsException");
        (await Client.PostAsync($"v1/namespaces/{UniqueName()}/tables", $$"""{"name":"t","schema":{{SchemaJson}}}"""))
            .IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
    }

    [Theory]
    [InlineData("""{"schema":{"type":"struct","fields":[]}}""", "name")]
    [InlineData("""{"name":"t"}""", "schema")]
    [InlineData("""{"name":"t","schema":{"type":"struct","fields":[{"id":1,"name":"x","required":true,"type":"varchar"}]}}""", "varchar")]
    [InlineData("""{"name":"../t","schema":{"type":"struct","fields":[]}}""", "../t")]
    [InlineData("""{"name":"t","schema":{"type":"struct","fields":[]},"stage-create":"yes"}""", "stage-create")]
    [InlineData("""{"name":"t","schema":{"type":"struct","fields":[]},"partition-spec":{"fields":[{"name":"p","transform":"bucket[x]","source-id":1}]}}""", "partition-spec")]
    public async Task A_bad_create_request_is_400_naming_the_problem(string body, string named)
    {
        string ns = await CreateNamespaceAsync(UniqueName());
        var reply = (await Client.PostAsync($"v1/namespaces/{ns}/tables", body)).IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains(named, reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty((await Client.GetAsync($"v1/namespaces/{ns}/tables")).Json.GetProperty("identifiers").EnumerateArray());
    }

    [Fact]
    public async Task A_location_inside_the_warehouse_is_used_and_one_outside_is_400()
    {
        string warehouse = await Backend.WarehouseAsync(Backend.DefaultCatalog);
        string inside = Path.Combine(warehouse, "elsewhere", UniqueName("loc"));
        var (_, _, result) = await CreateTableAsync($"\"location\":{Quote(inside)}");
        Assert.Equal(inside, result.GetProperty("metadata").GetProperty("location").GetString());

        string ns = await CreateNamespaceAsync(UniqueName());
        foreach (string outside in new[] { Path.GetTempPath(), Path.Combine(warehouse, "..", "escaped"), "relative/path", "file:///etc" })
        {
            var reply = (await Client.PostAsync($"v1/namespaces/{ns}/tables", $$"""{"name":"t","schema":{{SchemaJson}},"location":{{Quote(outside)}}}"""))
                .IsError(HttpStatusCode.BadRequest, "BadRequestException");
            Assert.Contains("location", reply.ErrorMessage, StringComparison.Ordinal);
        }

        (await Client.HeadAsync($"v1/namespaces/{ns}/tables/t")).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Stage_create_stores_nothing_until_the_assert_create_commit()
    {
        string ns = await CreateNamespaceAsync(UniqueName());
        var staged = (await Client.PostAsync($"v1/namespaces/{ns}/tables", $$$"""{"name":"s","schema":{{{SchemaJson}}},"stage-create":true,"properties":{"k":"v"}}"""))
            .Is(HttpStatusCode.OK).Json;
        Assert.False(staged.TryGetProperty("metadata-location", out var location) && location.ValueKind == JsonValueKind.String);
        var metadata = staged.GetProperty("metadata");
        string tableLocation = metadata.GetProperty("location").GetString()!;
        (await Client.HeadAsync($"v1/namespaces/{ns}/tables/s")).Is(HttpStatusCode.NotFound);

        // The client's create transaction: the staged metadata as updates, guarded by assert-create.
        string schema = metadata.GetProperty("schemas")[0].GetRawText();
        var created = (await CommitAsync($"namespaces/{ns}/tables/s",
            """{"type":"assert-create"}""",
            $$$"""
            {"action":"assign-uuid","uuid":{{{Quote(metadata.GetProperty("table-uuid").GetString()!)}}}},
            {"action":"upgrade-format-version","format-version":2},
            {"action":"add-schema","schema":{{{schema}}},"last-column-id":3},
            {"action":"set-current-schema","schema-id":-1},
            {"action":"add-spec","spec":{"spec-id":0,"fields":[]}},
            {"action":"set-default-spec","spec-id":-1},
            {"action":"add-sort-order","sort-order":{"order-id":0,"fields":[]}},
            {"action":"set-default-sort-order","sort-order-id":-1},
            {"action":"set-location","location":{{{Quote(tableLocation)}}}},
            {"action":"set-properties","updates":{"k":"v"}}
            """)).Is(HttpStatusCode.OK).Json;
        Assert.EndsWith(".metadata.json", created.GetProperty("metadata-location").GetString(), StringComparison.Ordinal);
        var loaded = await LoadMetadataAsync($"namespaces/{ns}/tables/s");
        Assert.Equal(metadata.GetProperty("table-uuid").GetString(), loaded.GetProperty("table-uuid").GetString());
        Assert.Equal("v", loaded.GetProperty("properties").GetProperty("k").GetString());

        // A second create transaction for the same name fails its assert-create.
        (await CommitAsync($"namespaces/{ns}/tables/s", """{"type":"assert-create"}""", """{"action":"set-properties","updates":{"k":"w"}}"""))
            .IsError(HttpStatusCode.Conflict, "CommitFailedException");
    }

    [Fact]
    public async Task Stage_create_of_an_existing_table_is_409()
    {
        var (ns, _, _) = await CreateTableAsync();
        (await Client.PostAsync($"v1/namespaces/{ns}/tables", $$"""{"name":"t","schema":{{SchemaJson}},"stage-create":true}"""))
            .IsError(HttpStatusCode.Conflict, "AlreadyExistsException");
    }

    [Fact]
    public async Task List_pages_through_tables_and_404s_for_a_missing_namespace()
    {
        string ns = await CreateNamespaceAsync(UniqueName());
        foreach (string name in new[] { "t3", "t1", "t2" })
        {
            (await Client.PostAsync($"v1/namespaces/{ns}/tables", $$"""{"name":"{{name}}","schema":{{SchemaJson}}}""")).Is(HttpStatusCode.OK);
        }

        var all = (await Client.GetAsync($"v1/namespaces/{ns}/tables")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["t1", "t2", "t3"], all.GetProperty("identifiers").EnumerateArray().Select(i => i.GetProperty("name").GetString()!));
        Assert.Equal(ns, all.GetProperty("identifiers")[0].GetProperty("namespace")[0].GetString());

        var first = (await Client.GetAsync($"v1/namespaces/{ns}/tables?pageToken=&pageSize=2")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["t1", "t2"], first.GetProperty("identifiers").EnumerateArray().Select(i => i.GetProperty("name").GetString()!));
        string token = first.GetProperty("next-page-token").GetString()!;
        var second = (await Client.GetAsync($"v1/namespaces/{ns}/tables?pageToken={Uri.EscapeDataString(token)}&pageSize=2")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(["t3"], second.GetProperty("identifiers").EnumerateArray().Select(i => i.GetProperty("name").GetString()!));
        Assert.False(second.TryGetProperty("next-page-token", out _));

        (await Client.GetAsync($"v1/namespaces/{UniqueName()}/tables")).IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
    }

    [Fact]
    public async Task Load_of_a_missing_table_names_what_is_missing()
    {
        string ns = await CreateNamespaceAsync(UniqueName());
        (await Client.GetAsync($"v1/namespaces/{ns}/tables/none")).IsError(HttpStatusCode.NotFound, "NoSuchTableException");
        (await Client.GetAsync($"v1/namespaces/{UniqueName()}/tables/none")).IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
        (await Client.HeadAsync($"v1/namespaces/{ns}/tables/none")).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Load_with_snapshots_refs_lists_only_referenced_snapshots()
    {
        var (_, path, result) = await CreateTableAsync();
        string location = result.GetProperty("metadata").GetProperty("location").GetString()!;
        (await CommitAsync(path, RefRequirement(null), AppendUpdates(101, null, 1, location))).Is(HttpStatusCode.OK);
        (await CommitAsync(path, RefRequirement(101), AppendUpdates(102, 101, 2, location))).Is(HttpStatusCode.OK);

        var all = await LoadMetadataAsync(path);
        Assert.Equal([101L, 102L], all.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("snapshot-id").GetInt64()));
        var refs = (await Client.GetAsync($"v1/{path}?snapshots=refs")).Is(HttpStatusCode.OK).Json.GetProperty("metadata");
        Assert.Equal([102L], refs.GetProperty("snapshots").EnumerateArray().Select(s => s.GetProperty("snapshot-id").GetInt64()));
        Assert.Equal(102, refs.GetProperty("current-snapshot-id").GetInt64());
        (await Client.GetAsync($"v1/{path}?snapshots=some")).IsError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Load_answers_304_for_a_matching_etag_until_the_table_changes()
    {
        var (_, path, _) = await CreateTableAsync();
        var first = (await Client.GetAsync($"v1/{path}")).Is(HttpStatusCode.OK);
        Assert.NotNull(first.ETag);
        var same = await Client.SendAsync(HttpMethod.Get, $"v1/{path}", configure: r => r.Headers.TryAddWithoutValidation("If-None-Match", first.ETag));
        same.Is(HttpStatusCode.NotModified);
        (await Client.SendAsync(HttpMethod.Get, $"v1/{path}", configure: r => r.Headers.TryAddWithoutValidation("If-None-Match", $"\"other\", {first.ETag}")))
            .Is(HttpStatusCode.NotModified);
        (await Client.SendAsync(HttpMethod.Get, $"v1/{path}", configure: r => r.Headers.TryAddWithoutValidation("If-None-Match", "\"other\"")))
            .Is(HttpStatusCode.OK);

        (await CommitAsync(path, "", """{"action":"set-properties","updates":{"x":"1"}}""")).Is(HttpStatusCode.OK);
        var changed = await Client.SendAsync(HttpMethod.Get, $"v1/{path}", configure: r => r.Headers.TryAddWithoutValidation("If-None-Match", first.ETag));
        changed.Is(HttpStatusCode.OK);
        Assert.NotEqual(first.ETag, changed.ETag);
    }

    [Fact]
    public async Task Drop_removes_the_table_and_purge_removes_its_files()
    {
        var (ns, path, result) = await CreateTableAsync();
        string location = result.GetProperty("metadata").GetProperty("location").GetString()!;
        (await Client.DeleteAsync($"v1/{path}?purgeRequested=true")).Is(HttpStatusCode.NoContent);
        (await Client.HeadAsync($"v1/{path}")).Is(HttpStatusCode.NotFound);
        Assert.False(Directory.Exists(Path.Combine(location, "metadata")) && Directory.EnumerateFiles(Path.Combine(location, "metadata"), "*.metadata.json").Any());
        (await Client.DeleteAsync($"v1/{path}")).IsError(HttpStatusCode.NotFound, "NoSuchTableException");
        (await Client.DeleteAsync($"v1/namespaces/{UniqueName()}/tables/t")).IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
        (await Client.DeleteAsync($"v1/namespaces/{ns}/tables/t?purgeRequested=maybe")).IsError(HttpStatusCode.BadRequest, "BadRequestException");

        var (_, kept, _) = await CreateTableAsync();
        (await Client.DeleteAsync($"v1/{kept}?purgeRequested=false")).Is(HttpStatusCode.NoContent);
        (await Client.HeadAsync($"v1/{kept}")).Is(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rename_moves_a_table_and_reports_each_missing_or_taken_name()
    {
        var (ns, path, result) = await CreateTableAsync();
        string uuid = result.GetProperty("metadata").GetProperty("table-uuid").GetString()!;
        string target = await CreateNamespaceAsync(UniqueName());
        string Body(string fromNs, string from, string toNs, string to) =>
            $$$"""{"source":{"namespace":[{{{Quote(fromNs)}}}],"name":{{{Quote(from)}}}},"destination":{"namespace":[{{{Quote(toNs)}}}],"name":{{{Quote(to)}}}}}""";

        (await Client.PostAsync("v1/tables/rename", Body(ns, "t", target, "moved"))).Is(HttpStatusCode.NoContent);
        (await Client.HeadAsync($"v1/{path}")).Is(HttpStatusCode.NotFound);
        Assert.Equal(uuid, (await LoadMetadataAsync($"namespaces/{target}/tables/moved")).GetProperty("table-uuid").GetString());

        (await Client.PostAsync("v1/tables/rename", Body(ns, "t", target, "again"))).IsError(HttpStatusCode.NotFound, "NoSuchTableException");
        (await Client.PostAsync("v1/tables/rename", Body(UniqueName(), "t", target, "again"))).IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
        (await Client.PostAsync("v1/tables/rename", Body(target, "moved", UniqueName(), "x"))).IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");

        (await Client.PostAsync($"v1/namespaces/{target}/tables", $$"""{"name":"other","schema":{{SchemaJson}}}""")).Is(HttpStatusCode.OK);
        (await Client.PostAsync("v1/tables/rename", Body(target, "moved", target, "other"))).IsError(HttpStatusCode.Conflict, "AlreadyExistsException");
        (await Client.PostAsync("v1/tables/rename", """{"source":{"namespace":[],"name":"x"}}""")).IsError(HttpStatusCode.BadRequest, "BadRequestException");
    }

    [Fact]
    public async Task Register_adopts_an_existing_metadata_file()
    {
        var (ns, _, result) = await CreateTableAsync();
        string metadataLocation = result.GetProperty("metadata-location").GetString()!;
        string uuid = result.GetProperty("metadata").GetProperty("table-uuid").GetString()!;

        // A second live table at the same location would share its files.
        (await Client.PostAsync($"v1/namespaces/{ns}/register", $$"""{"name":"copy","metadata-location":{{Quote(metadataLocation)}}}"""))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client.HeadAsync($"v1/namespaces/{ns}/tables/copy")).Is(HttpStatusCode.NotFound);
        (await Client.PostAsync($"v1/namespaces/{ns}/register", $$"""{"name":"t","metadata-location":{{Quote(metadataLocation)}}}"""))
            .IsError(HttpStatusCode.Conflict, "AlreadyExistsException");
        var registered = (await Client.PostAsync($"v1/namespaces/{ns}/register", $$"""{"name":"t","metadata-location":{{Quote(metadataLocation)}},"overwrite":true}"""))
            .Is(HttpStatusCode.OK).Json;
        Assert.Equal(uuid, registered.GetProperty("metadata").GetProperty("table-uuid").GetString());
        Assert.Equal(uuid, (await LoadMetadataAsync($"namespaces/{ns}/tables/t")).GetProperty("table-uuid").GetString());
        (await Client.PostAsync($"v1/namespaces/{UniqueName()}/register", $$"""{"name":"x","metadata-location":{{Quote(metadataLocation)}}}"""))
            .IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
    }

    [Fact]
    public async Task Register_refuses_files_outside_the_warehouse_or_missing()
    {
        string ns = await CreateNamespaceAsync(UniqueName());
        string outside = Path.Combine(Path.GetTempPath(), "v1.metadata.json");
        (await Client.PostAsync($"v1/namespaces/{ns}/register", $$"""{"name":"x","metadata-location":{{Quote(outside)}}}"""))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
        string missing = Path.Combine(await Backend.WarehouseAsync(Backend.DefaultCatalog), "none", "v1.metadata.json");
        (await Client.PostAsync($"v1/namespaces/{ns}/register", $$"""{"name":"x","metadata-location":{{Quote(missing)}}}"""))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client.PostAsync($"v1/namespaces/{ns}/register", """{"name":"x"}""")).IsError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client.HeadAsync($"v1/namespaces/{ns}/tables/x")).Is(HttpStatusCode.NotFound);
    }
}
