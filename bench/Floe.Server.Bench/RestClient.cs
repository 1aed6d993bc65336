using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Floe.Server.Bench;

/// <summary>The few Iceberg REST calls the benchmark makes, as an engine would send them.</summary>
internal sealed class RestClient(HttpClient http, string catalog)
{
    private const string Schema = """{"type":"struct","schema-id":0,"fields":[{"id":1,"name":"id","required":true,"type":"long"},{"id":2,"name":"data","required":false,"type":"string"}]}""";

    public static HttpClient CreateHttp(Uri address, string token)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var http = new HttpClient(handler) { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private string Base => $"/api/iceberg/rest/v1/{catalog}";

    public Task CreateNamespaceAsync(string name, CancellationToken cancellationToken) =>
        PostAsync($"{Base}/namespaces", $$"""{"namespace":["{{name}}"]}""", cancellationToken);

    /// <summary>Creates a table and returns its state.</summary>
    public async Task<TableState> CreateTableAsync(string @namespace, string table, CancellationToken cancellationToken)
    {
        using JsonDocument body = await PostAsync($"{Base}/namespaces/{@namespace}/tables", $$"""{"name":"{{table}}","schema":{{Schema}}}""", cancellationToken).ConfigureAwait(false);
        return TableState.From(body.RootElement.GetProperty("metadata"));
    }

    /// <summary>GET loadTable; the body is read in full as a client would.</summary>
    public async Task LoadTableAsync(string @namespace, string table, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.GetAsync($"{Base}/namespaces/{@namespace}/tables/{table}", cancellationToken).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        Check(response, body);
    }

    /// <summary>GET loadTable, returning the table's state (a client refreshing after a lost commit).</summary>
    public async Task<TableState> LoadStateAsync(string @namespace, string table, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await http.GetAsync($"{Base}/namespaces/{@namespace}/tables/{table}", cancellationToken).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        Check(response, body);
        using JsonDocument document = JsonDocument.Parse(body);
        return TableState.From(document.RootElement.GetProperty("metadata"));
    }

    /// <summary>
    /// Commits an append of one data file the way Java's fast append does: requirements assert-table-uuid and
    /// assert-ref-snapshot-id(main), updates add-snapshot and set-snapshot-ref(main). Returns the new state, or null on a
    /// 409 (a concurrent commit won).
    /// </summary>
    public async Task<TableState?> AppendAsync(string @namespace, string table, TableState state, long snapshotId, CancellationToken cancellationToken)
    {
        byte[] request = CommitRequest(state, snapshotId);
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await http.PostAsync($"{Base}/namespaces/{@namespace}/tables/{table}", content, cancellationToken).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode == 409)
        {
            return null;
        }

        Check(response, body);
        using JsonDocument document = JsonDocument.Parse(body);
        return TableState.From(document.RootElement.GetProperty("metadata"));
    }

    private static byte[] CommitRequest(TableState state, long snapshotId)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("requirements");
            json.WriteStartObject();
            json.WriteString("type", "assert-table-uuid");
            json.WriteString("uuid", state.Uuid);
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("type", "assert-ref-snapshot-id");
            json.WriteString("ref", "main");
            WriteNullable(json, "snapshot-id", state.CurrentSnapshotId);
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartArray("updates");
            json.WriteStartObject();
            json.WriteString("action", "add-snapshot");
            json.WriteStartObject("snapshot");
            json.WriteNumber("snapshot-id", snapshotId);
            if (state.CurrentSnapshotId is long parent)
            {
                json.WriteNumber("parent-snapshot-id", parent);
            }

            json.WriteNumber("sequence-number", state.LastSequenceNumber + 1);
            json.WriteNumber("timestamp-ms", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            json.WriteString("manifest-list", $"{state.Location}/metadata/snap-{snapshotId}-1-bench.avro");
            json.WriteNumber("schema-id", 0);
            json.WriteStartObject("summary");
            json.WriteString("operation", "append");
            json.WriteString("added-data-files", "1");
            json.WriteString("added-records", "10");
            json.WriteString("added-files-size", "1024");
            json.WriteString("total-records", ((state.TotalRecords ?? 0) + 10).ToString(CultureInfo.InvariantCulture));
            json.WriteString("total-data-files", ((state.TotalDataFiles ?? 0) + 1).ToString(CultureInfo.InvariantCulture));
            json.WriteString("total-delete-files", "0");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("action", "set-snapshot-ref");
            json.WriteString("ref-name", "main");
            json.WriteString("type", "branch");
            json.WriteNumber("snapshot-id", snapshotId);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is long number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private async Task<JsonDocument> PostAsync(string path, string json, CancellationToken cancellationToken)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        Check(response, body);
        return JsonDocument.Parse(body);
    }

    private static void Check(HttpResponseMessage response, byte[] body)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} failed: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        }
    }
}

/// <summary>What a client keeps of a table between commits.</summary>
internal sealed record TableState(string Uuid, string Location, long? CurrentSnapshotId, long LastSequenceNumber, long? TotalRecords, long? TotalDataFiles)
{
    public static TableState From(JsonElement metadata)
    {
        long? current = metadata.TryGetProperty("current-snapshot-id", out JsonElement c) && c.ValueKind == JsonValueKind.Number && c.GetInt64() >= 0 ? c.GetInt64() : null;
        long? records = null;
        long? files = null;
        if (current is long id && metadata.TryGetProperty("snapshots", out JsonElement snapshots))
        {
            foreach (JsonElement snapshot in snapshots.EnumerateArray())
            {
                if (snapshot.GetProperty("snapshot-id").GetInt64() == id && snapshot.TryGetProperty("summary", out JsonElement summary))
                {
                    records = long.Parse(summary.GetProperty("total-records").GetString()!, CultureInfo.InvariantCulture);
                    files = long.Parse(summary.GetProperty("total-data-files").GetString()!, CultureInfo.InvariantCulture);
                }
            }
        }

        return new TableState(
            metadata.GetProperty("table-uuid").GetString()!,
            metadata.GetProperty("location").GetString()!,
            current,
            metadata.GetProperty("last-sequence-number").GetInt64(),
            records,
            files);
    }
}
