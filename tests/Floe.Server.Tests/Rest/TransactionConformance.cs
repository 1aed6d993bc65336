using System.Net;

namespace Floe.Server.Tests.Rest;

/// <summary><c>POST /v1/transactions/commit</c>: all tables change or none.</summary>
public abstract class TransactionConformance<TBackend>(TBackend backend) : ConformanceBase<TBackend>(backend)
    where TBackend : RestBackend
{
    private static string Change(string ns, string table, string requirements, string updates) =>
        $$"""{"identifier":{"namespace":[{{Quote(Uri.UnescapeDataString(ns))}}],"name":{{Quote(table)}}},"requirements":[{{requirements}}],"updates":[{{updates}}]}""";

    [Fact]
    public async Task A_single_table_transaction_commits()
    {
        var (ns, path, _) = await CreateTableAsync();
        (await Client.PostAsync("v1/transactions/commit", $$"""{"table-changes":[{{Change(ns, "t", "", """{"action":"set-properties","updates":{"tx":"1"}}""")}}]}"""))
            .Is(HttpStatusCode.NoContent);
        Assert.Equal("1", (await LoadMetadataAsync(path)).GetProperty("properties").GetProperty("tx").GetString());
    }

    [Fact]
    public async Task A_multi_table_transaction_commits_all_or_is_refused_whole()
    {
        var (ns, first, _) = await CreateTableAsync();
        (await Client.PostAsync($"v1/namespaces/{ns}/tables", $$"""{"name":"u","schema":{{SchemaJson}}}""")).Is(HttpStatusCode.OK);
        string body = $$"""
            {"table-changes":[
              {{Change(ns, "t", "", """{"action":"set-properties","updates":{"tx":"both"}}""")}},
              {{Change(ns, "u", "", """{"action":"set-properties","updates":{"tx":"both"}}""")}}]}
            """;
        var reply = await Client.PostAsync("v1/transactions/commit", body);
        if (Backend.SupportsMultiTableCommit)
        {
            reply.Is(HttpStatusCode.NoContent);
            Assert.Equal("both", (await LoadMetadataAsync(first)).GetProperty("properties").GetProperty("tx").GetString());
            Assert.Equal("both", (await LoadMetadataAsync($"namespaces/{ns}/tables/u")).GetProperty("properties").GetProperty("tx").GetString());
        }
        else
        {
            reply.IsError(HttpStatusCode.NotAcceptable, "UnsupportedOperationException");
            Assert.False((await LoadMetadataAsync(first)).GetProperty("properties").TryGetProperty("tx", out _));
        }
    }

    [Fact]
    public async Task A_failed_requirement_in_any_table_changes_no_table()
    {
        var (ns, first, _) = await CreateTableAsync();
        (await Client.PostAsync($"v1/namespaces/{ns}/tables", $$"""{"name":"u","schema":{{SchemaJson}}}""")).Is(HttpStatusCode.OK);
        string body = $$"""
            {"table-changes":[
              {{Change(ns, "t", "", """{"action":"set-properties","updates":{"tx":"x"}}""")}},
              {{Change(ns, "u", """{"type":"assert-current-schema-id","current-schema-id":9}""", """{"action":"set-properties","updates":{"tx":"x"}}""")}}]}
            """;
        var reply = await Client.PostAsync("v1/transactions/commit", body);
        if (Backend.SupportsMultiTableCommit)
        {
            reply.IsError(HttpStatusCode.Conflict, "CommitFailedException");
        }
        else
        {
            reply.IsError(HttpStatusCode.NotAcceptable, "UnsupportedOperationException");
        }

        Assert.False((await LoadMetadataAsync(first)).GetProperty("properties").TryGetProperty("tx", out _));
        Assert.False((await LoadMetadataAsync($"namespaces/{ns}/tables/u")).GetProperty("properties").TryGetProperty("tx", out _));
    }

    [Fact]
    public async Task A_table_change_without_requirements_commits_and_a_wrong_type_is_400()
    {
        var (ns, path, _) = await CreateTableAsync();
        string identifier = $$"""{"namespace":[{{Quote(Uri.UnescapeDataString(ns))}}],"name":"t"}""";
        (await Client.PostAsync("v1/transactions/commit", $$$"""{"table-changes":[{"identifier":{{{identifier}}},"updates":[{"action":"set-properties","updates":{"js":"1"}}]}]}"""))
            .Is(HttpStatusCode.NoContent);
        Assert.Equal("1", (await LoadMetadataAsync(path)).GetProperty("properties").GetProperty("js").GetString());
        var reply = (await Client.PostAsync("v1/transactions/commit", $$"""{"table-changes":[{"identifier":{{identifier}},"requirements":"none","updates":[]}]}"""))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
        Assert.Contains("requirements", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transaction_errors_name_the_missing_table_or_namespace_and_bad_input()
    {
        var (ns, _, _) = await CreateTableAsync();
        const string Update = """{"action":"set-properties","updates":{"a":"1"}}""";
        (await Client.PostAsync("v1/transactions/commit", $$"""{"table-changes":[{{Change(ns, "none", "", Update)}}]}"""))
            .IsError(HttpStatusCode.NotFound, "NoSuchTableException");
        (await Client.PostAsync("v1/transactions/commit", $$"""{"table-changes":[{{Change(UniqueName(), "t", "", Update)}}]}"""))
            .IsError(HttpStatusCode.NotFound, "NoSuchNamespaceException");
        (await Client.PostAsync("v1/transactions/commit", $$"""{"table-changes":[{"requirements":[],"updates":[]}]}"""))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client.PostAsync("v1/transactions/commit", $$"""{"table-changes":[{{Change(ns, "t", "", Update)}},{{Change(ns, "t", "", Update)}}]}"""))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client.PostAsync("v1/transactions/commit", $$"""{"table-changes":[{{Change(ns, "t", "", """{"action":"nope"}""")}}]}"""))
            .IsError(HttpStatusCode.BadRequest, "BadRequestException");
        (await Client.PostAsync("v1/transactions/commit", "{}")).IsError(HttpStatusCode.BadRequest, "BadRequestException");
    }
}
