using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Floe.Server.Tests.Rest;

/// <summary>Helpers shared by the conformance suites: unique names, request bodies and common calls.</summary>
public abstract class ConformanceBase<TBackend>(TBackend backend) : IAsyncLifetime
    where TBackend : RestBackend
{
    /// <summary>The columns of every test table: id (long, required), category (string, required), value (double).</summary>
    public const string SchemaJson = """
        {"type":"struct","schema-id":0,"fields":[
          {"id":1,"name":"id","required":true,"type":"long"},
          {"id":2,"name":"category","required":true,"type":"string"},
          {"id":3,"name":"value","required":false,"type":"double"}]}
        """;

    protected TBackend Backend { get; } = backend;

    internal RestTestClient Client => Backend.Client;

    public ValueTask InitializeAsync()
    {
        Backend.RequireAvailable();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A namespace name no other test uses.</summary>
    protected static string UniqueName(string stem = "ns") => $"{stem}_{Guid.NewGuid():N}"[..(stem.Length + 13)];

    protected static string Quote(string text) => JsonSerializer.Serialize(text);

    protected static string NamespaceJson(params string[] levels) => "[" + string.Join(',', levels.Select(Quote)) + "]";

    protected static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    internal async Task<string> CreateNamespaceAsync(params string[] levels)
    {
        (await Client.PostAsync("v1/namespaces", $$"""{"namespace":{{NamespaceJson(levels)}}}""")).Is(HttpStatusCode.OK);
        return RestTestClient.Ns(levels);
    }

    /// <summary>Creates a fresh namespace and a table in it; returns the table's path below <c>v1/</c> and its load result.</summary>
    internal async Task<(string Ns, string TablePath, JsonElement Result)> CreateTableAsync(string? extra = null, string table = "t")
    {
        string ns = await CreateNamespaceAsync(UniqueName());
        string body = $$"""{"name":{{Quote(table)}},"schema":{{SchemaJson}}{{(extra is null ? "" : "," + extra)}}}""";
        var reply = (await Client.PostAsync($"v1/namespaces/{ns}/tables", body)).Is(HttpStatusCode.OK);
        return (ns, $"namespaces/{ns}/tables/{table}", reply.Json);
    }

    internal async Task<JsonElement> LoadMetadataAsync(string tablePath) =>
        (await Client.GetAsync($"v1/{tablePath}")).Is(HttpStatusCode.OK).Json.GetProperty("metadata");

    internal Task<RestReply> CommitAsync(string tablePath, string requirements, string updates) =>
        Client.PostAsync($"v1/{tablePath}", $$"""{"requirements":[{{requirements}}],"updates":[{{updates}}]}""");

    /// <summary>An add-snapshot update (the manifest list is never read by the catalog) plus pointing main at it.</summary>
    protected static string AppendUpdates(long snapshotId, long? parentId, long sequenceNumber, string location)
    {
        string parent = parentId is long p ? $"\"parent-snapshot-id\":{Number(p)}," : "";
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string manifestList = Quote($"{location}/metadata/snap-{snapshotId}.avro");
        return $$$"""
            {"action":"add-snapshot","snapshot":{"snapshot-id":{{{Number(snapshotId)}}},{{{parent}}}
              "sequence-number":{{{Number(sequenceNumber)}}},"timestamp-ms":{{{Number(now)}}},
              "manifest-list":{{{manifestList}}},"summary":{"operation":"append"},"schema-id":0}},
            {"action":"set-snapshot-ref","ref-name":"main","type":"branch","snapshot-id":{{{Number(snapshotId)}}}}
            """;
    }

    protected static string RefRequirement(long? snapshotId, string name = "main") =>
        $$"""{"type":"assert-ref-snapshot-id","ref":{{Quote(name)}},"snapshot-id":{{(snapshotId is long id ? Number(id) : "null")}}}""";

    protected static long? CurrentSnapshot(JsonElement metadata) =>
        metadata.TryGetProperty("current-snapshot-id", out var id) && id.ValueKind == JsonValueKind.Number && id.GetInt64() != -1 ? id.GetInt64() : null;
}
