using System.Text;
using System.Text.Json;
using Floe.Catalog;
using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.Server.Configuration;
using Floe.Server.Hosting;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;
using Floe.Table.Scanning;
using Floe.TestKit.Server;
using Floe.TestKit;

namespace Floe.Server.Tests.Optimizing;

/// <summary>
/// A real server on a SQLite metastore with fast optimizing timeouts and no local optimizer, a table in its default
/// catalog that tests fill with small appends, and raw calls of the optimizer protocol.
/// </summary>
internal sealed class OptimizingServer : IAsyncDisposable
{
    public static readonly TableIdentifier TableId = TableIdentifier.Of("db", "events");

    private static readonly Schema Schema = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
    ]);

    private readonly TempDirectory _directory;
    private readonly ServerOptions _options;
    private readonly Func<ServerOptions, CancellationToken, Task<ServerStores>>? _openStores;
    private long _nextId;

    private OptimizingServer(TempDirectory directory, ServerOptions options, Func<ServerOptions, CancellationToken, Task<ServerStores>>? openStores, RunningServer running)
    {
        _directory = directory;
        _options = options;
        _openStores = openStores;
        Running = running;
    }

    public RunningServer Running { get; private set; }

    public FloeServer Server => Running.Server;

    public static OptimizingOptions FastOptions { get; } = new()
    {
        RefreshIntervalMs = 3_600_000, // tests refresh explicitly
        HeartbeatTimeoutMs = 60_000,
        TaskAckTimeoutMs = 60_000,
        PollTimeoutMs = 200,
        HeartbeatIntervalMs = 100,
        LocalThreads = 0,
    };

    /// <summary>
    /// Starts the server; with <paramref name="clock"/> every timer of the server runs on it instead of the wall clock,
    /// with <paramref name="openStores"/> it runs over those stores instead of the plain metastore.
    /// </summary>
    public static async Task<OptimizingServer> StartAsync(
        OptimizingOptions? optimizing = null,
        AuthMode auth = AuthMode.None,
        MaintenanceOptions? maintenance = null,
        TimeProvider? clock = null,
        Func<ServerOptions, CancellationToken, Task<ServerStores>>? openStores = null)
    {
        var directory = new TempDirectory();
        ServerOptions options = RunningServer.Options(directory.Path, auth) with
        {
            Optimizing = optimizing ?? FastOptions,
            Maintenance = maintenance ?? new MaintenanceOptions(),
            Clock = clock ?? TimeProvider.System,
        };
        return new OptimizingServer(directory, options, openStores, await RunningServer.StartAsync(options, openStores));
    }

    /// <summary>A bearer secret sent with every call (for servers with token auth).</summary>
    public string? BearerToken { get; set; }

    /// <summary>Stops the server and starts a new one on the same data directory (a restart), with other optimizing options when given.</summary>
    public async Task RestartAsync(OptimizingOptions? optimizing = null)
    {
        await Running.DisposeAsync();
        Running = await RunningServer.StartAsync(_options with { Optimizing = optimizing ?? FastOptions }, _openStores);
    }

    /// <summary>Creates the test table with properties that make a few small files pending at once.</summary>
    public async Task<IcebergTable> CreateTableAsync(IReadOnlyDictionary<string, string>? extra = null, TableIdentifier? id = null, bool partitioned = false, string catalogName = "default")
    {
        ICatalog catalog = await Server.Catalogs.GetAsync(catalogName, Ct);
        id ??= TableId;
        if (!await catalog.NamespaceExistsAsync(id.Namespace, Ct))
        {
            await catalog.CreateNamespaceAsync(id.Namespace, Ct);
        }

        var properties = new Dictionary<string, string>
        {
            ["self-optimizing.min-plan-interval"] = "0",
            ["self-optimizing.minor.trigger.file-count"] = "4",
            ["self-optimizing.execute.num-retries"] = "2",
            ["commit.retry.num-retries"] = "20",
            ["commit.retry.min-wait-ms"] = "1",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            properties[key] = value;
        }

        PartitionSpec? spec = partitioned ? new PartitionSpecBuilder(Schema).Identity("name").Build() : null;
        await catalog.CreateTableAsync(id, Schema, spec, properties: properties, cancellationToken: Ct);
        return await catalog.LoadTableAsync(id, Ct);
    }

    public async Task<IcebergTable> OpenTableAsync(TableIdentifier? id = null)
    {
        ICatalog catalog = await Server.Catalogs.GetAsync("default", Ct);
        return await catalog.LoadTableAsync(id ?? TableId, Ct);
    }

    /// <summary>
    /// Appends <paramref name="files"/> one-file commits of <paramref name="rows"/> rows each; in a partitioned table
    /// every row's name (the partition column) is <paramref name="partition"/>.
    /// </summary>
    /// <summary>Appends <paramref name="files"/> files, each in its own commit or, with <paramref name="oneCommit"/>, all in one.</summary>
    public async Task AppendAsync(IcebergTable table, int files, int rows, string partition = "a", bool oneCommit = false)
    {
        bool partitioned = !table.Spec.IsUnpartitioned;
        AppendFiles? together = oneCommit ? table.NewFastAppend() : null;
        for (int f = 0; f < files; f++)
        {
            var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(table.Schema), rows);
            for (int r = 0; r < rows; r++)
            {
                long id = Interlocked.Increment(ref _nextId);
                ((PrimitiveVector<long>)batch.Column(0)).Append(id);
                ((BinaryVector)batch.Column(1)).Append(partitioned ? partition : "n" + id);
            }

            DataFile file;
            using (batch)
            {
                string path = Path.Combine(table.Metadata.Location, "data", partitioned ? $"name={partition}" : "", $"{Guid.NewGuid():N}.parquet");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                PartitionData data = partitioned ? PartitionData.Of(Literal.Of(partition)) : PartitionData.Empty;
                var writer = new DataFileWriter(File.Create(path), path, new DataWriterConfig { Schema = table.Schema, Spec = table.Spec }, data);
                await using (writer)
                {
                    await writer.WriteAsync(batch, Ct);
                    file = await writer.CloseAsync(Ct);
                }
            }

            if (together is not null)
            {
                together.AppendFile(file);
                continue;
            }

            AppendFiles append = table.NewFastAppend();
            append.AppendFile(file);
            await append.CommitAsync(Ct);
        }

        if (together is not null)
        {
            await together.CommitAsync(Ct);
        }
    }

    /// <summary>Every id in the table now, sorted.</summary>
    public async Task<List<long>> IdsAsync(IcebergTable table)
    {
        await table.RefreshAsync(Ct);
        var ids = new List<long>();
        await foreach (ColumnBatch batch in table.NewScan().ReadAsync(Ct))
        {
            using (batch)
            {
                for (int r = 0; r < batch.RowCount; r++)
                {
                    ids.Add((long)batch.Column(0).GetValue(r)!);
                }
            }
        }

        ids.Sort();
        return ids;
    }

    public static async Task<int> DataFileCountAsync(IcebergTable table)
    {
        await table.RefreshAsync(Ct);
        return (await table.NewScan().PlanFilesAsync(Ct)).Count;
    }

    /// <summary>A management or protocol call; the optimizer token goes in its header when given.</summary>
    public async Task<(int Status, JsonElement Body)> CallAsync(HttpMethod method, string path, object? json = null, string? optimizerToken = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json as string ?? JsonSerializer.Serialize(json), Encoding.UTF8, "application/json");
        }

        if (BearerToken is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BearerToken);
        }

        if (optimizerToken is not null)
        {
            request.Headers.Add("Floe-Optimizer-Token", optimizerToken);
        }

        using HttpResponseMessage response = await Running.Client.SendAsync(request, Ct);
        string text = await response.Content.ReadAsStringAsync(Ct);
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<string> RegisterAsync(int threads = 1, string group = "default")
    {
        var (status, body) = await CallAsync(HttpMethod.Post, "/api/optimizer/v1/register", new Dictionary<string, object> { ["group"] = group, ["threads"] = threads });
        Assert.Equal(200, status);
        return body.GetProperty("token").GetString()!;
    }

    /// <summary>Polls until a task comes (or the deadline passes).</summary>
    public async Task<JsonElement?> PollAsync(string token, int thread = 0, int attempts = 20)
    {
        for (int i = 0; i < attempts; i++)
        {
            var (status, body) = await CallAsync(HttpMethod.Post, "/api/optimizer/v1/poll", new { thread }, token);
            Assert.Equal(200, status);
            if (body.GetProperty("task").ValueKind == JsonValueKind.Object)
            {
                return body.GetProperty("task");
            }
        }

        return null;
    }

    public static object Identity(JsonElement task, int thread = 0) => new Dictionary<string, object>
    {
        ["thread"] = thread,
        ["process-id"] = task.GetProperty("process-id").GetInt64(),
        ["task-id"] = task.GetProperty("task-id").GetInt32(),
        ["attempt"] = task.GetProperty("attempt").GetInt32(),
    };

    /// <summary>Runs a dispatched task with the built-in executors, as an optimizer would.</summary>
    public static Task<string> ExecuteAsync(JsonElement task) =>
        Floe.Optimizing.Execution.OptimizingTaskExecutors.CreateDefault(new Floe.Core.IO.LocalFileIO())
            .ExecuteAsync(task.GetProperty("kind").GetString()!, task.GetProperty("input").GetRawText(), task.GetProperty("attempt").GetInt32(), Ct);

    public Task<(int Status, JsonElement Body)> CompleteAsync(string token, JsonElement task, string? output, string? error = null, int thread = 0)
    {
        var body = (Dictionary<string, object>)Identity(task, thread);
        string json = JsonSerializer.Serialize(body);
        json = json[..^1] + (output is not null ? $",\"output\":{output}}}" : $",\"error\":{JsonSerializer.Serialize(error)}}}");
        return CallAsync(HttpMethod.Post, "/api/optimizer/v1/complete", json, token);
    }

    /// <summary>Whether the optimizer of <paramref name="token"/> is registered now (the list shows each by its token's prefix).</summary>
    public async Task<bool> IsRegisteredAsync(string token)
    {
        var (status, body) = await CallAsync(HttpMethod.Get, "/api/floe/v1/optimizers");
        Assert.Equal(200, status);
        return body.GetProperty("optimizers").EnumerateArray().Any(o => token.StartsWith(o.GetProperty("id").GetString()!, StringComparison.Ordinal));
    }

    public async Task<JsonElement> TableStatusAsync(TableIdentifier? id = null)
    {
        id ??= TableId;
        var (status, body) = await CallAsync(HttpMethod.Get, $"/api/floe/v1/catalogs/default/namespaces/{id.Namespace}/tables/{id.Name}/optimizing");
        Assert.Equal(200, status);
        return body;
    }

    public async Task RefreshAsync()
    {
        var (status, _) = await CallAsync(HttpMethod.Post, "/api/floe/v1/optimizing/refresh", new { });
        Assert.Equal(200, status);
    }

    /// <summary>Waits until the process ends (success, failed, closed) and returns it.</summary>
    public async Task<JsonElement> WaitForProcessAsync(long processId)
    {
        for (int i = 0; i < 200; i++)
        {
            var (status, body) = await CallAsync(HttpMethod.Get, $"/api/floe/v1/optimizing/processes/{processId}");
            Assert.Equal(200, status);
            if (body.GetProperty("status").GetString() != "running")
            {
                return body;
            }

            await Task.Delay(50, Ct);
        }

        throw new TimeoutException($"Process {processId} is still running.");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await Running.DisposeAsync();
        _directory.Dispose();
    }
}
