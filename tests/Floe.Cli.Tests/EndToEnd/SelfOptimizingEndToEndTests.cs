using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Columnar;
using Floe.Core.Manifests;
using Floe.Core.Partitioning;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.Core.Values;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Writing;
using Floe.Server.Configuration;
using Floe.Table.Data.Columns;
using Floe.Table.Data.Writing;
using Floe.Table.Operations;
using Floe.Table.Scanning;
using Floe.TestKit.Server;

namespace Floe.Cli.Tests.EndToEnd;

/// <summary>
/// The whole system: a real server, two <c>floe optimizer</c> processes, and a writer streaming small appends into
/// an Iceberg table and upserts into a primary-key table while one optimizer is killed mid-task. The writer never
/// fails, the Iceberg table's file count stays bounded, and both tables end exactly as the writer's reference says.
/// </summary>
public sealed class SelfOptimizingEndToEndTests : IAsyncDisposable
{
    private static readonly Schema EventSchema = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
    ]);

    private static readonly Schema UserSchema = new([
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "score", PrimitiveType.Long),
    ]);

    private static readonly Dictionary<string, string> Properties = new()
    {
        ["self-optimizing.min-plan-interval"] = "0",
        ["self-optimizing.minor.trigger.file-count"] = "4",
        ["commit.retry.num-retries"] = "50",
        ["commit.retry.min-wait-ms"] = "1",
        ["commit.retry.max-wait-ms"] = "50",
    };

    /// <summary>Data files of the events table past which the writer waits for optimizing (minor optimizing triggers at 4).</summary>
    private const int PacingFiles = 16;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "floe-e2e", Guid.NewGuid().ToString("N"));
    private RunningServer? _server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [Fact]
    public async Task Two_optimizer_processes_keep_tables_compact_and_exact_while_one_is_killed_mid_task()
    {
        string lake = Path.Combine(_root, "lake");
        Directory.CreateDirectory(lake);
        _server = await RunningServer.StartAsync(RunningServer.Options(Path.Combine(_root, "server"), catalogs: [new ExternalCatalogOptions("lake", lake)]) with
        {
            Optimizing = new OptimizingOptions
            {
                LocalThreads = 0,
                RefreshIntervalMs = 200,
                PollTimeoutMs = 300,
                HeartbeatIntervalMs = 200,
                HeartbeatTimeoutMs = 1500,
                TaskAckTimeoutMs = 3000,
            },
        });
        using var http = new HttpClient { BaseAddress = _server.Address };

        ICatalog catalog = await _server.Server.Catalogs.GetAsync("default", Ct);
        await catalog.CreateNamespaceAsync(Namespace.Of("db"), Ct);
        await catalog.CreateTableAsync(TableIdentifier.Of("db", "events"), EventSchema, properties: Properties, cancellationToken: Ct);
        IcebergTable events = await catalog.LoadTableAsync(TableIdentifier.Of("db", "events"), Ct);
        var folders = new FileSystemCatalog(lake);
        await folders.CreateNamespaceAsync(Namespace.Of("db"), Ct);
        var userProperties = new Dictionary<string, string>(Properties) { ["base.file-index.hash-bucket"] = "2", ["change.file-index.hash-bucket"] = "2" };
        await folders.CreatePrimaryKeyTableAsync(TableIdentifier.Of("db", "users"), UserSchema, ["id"], new PartitionSpecBuilder(UserSchema).Bucket("id", 2).Build(), userProperties, Ct);

        using var first = OptimizerProcess.Start(_server.Address, "opt-1");
        using var second = OptimizerProcess.Start(_server.Address, "opt-2");
        await WaitForOptimizersAsync(http, 2);

        using var killing = new CancellationTokenSource();
        Task<bool> killer = KillWhenBusyAsync(http, first, killing.Token);
        var eventIds = new List<long>();
        var users = new SortedDictionary<long, (string Name, long Score)>();
        var random = new Random(42);
        int maxEventFiles = 0;
        long nextEvent = 0;
        for (int round = 0; round < 40; round++)
        {
            eventIds.AddRange(await AppendEventsAsync(events, 50, () => ++nextEvent));
            await UpsertUsersAsync(folders, users, random, rows: 2000, keySpace: 20_000);
            maxEventFiles = Math.Max(maxEventFiles, await DataFilesAsync(events));
            // The writer goes on once optimizing has caught up, so the bound below holds however loaded the machine is;
            // an optimizer that stops compacting fails here instead.
            await WaitForFilesAtMostAsync(events, PacingFiles, TimeSpan.FromSeconds(90));
            await Task.Delay(100, Ct); // paces the writer against the 0.2 s refresh, even when other test runs share the cores
        }

        // Optimizing goes on after the last write; give the killer that time too before giving up on it.
        await Task.WhenAny(killer, Task.Delay(TimeSpan.FromSeconds(20), Ct));
        await killing.CancelAsync();
        bool killedMidTask = await killer;
        if (!first.HasExited)
        {
            first.Kill();
        }

        await WaitUntilSettledAsync(http, events);

        Assert.True(killedMidTask, "opt-1 was never seen holding a task, so it was not killed mid-task.");
        // 40 appends would leave 40 files unoptimized; the writer waits whenever optimizing falls behind past the pacing
        // bound, so one append more than that is the most ever seen.
        Assert.InRange(maxEventFiles, 1, PacingFiles + 1);
        Assert.InRange(await DataFilesAsync(events), 1, 4);
        Assert.Equal(eventIds.Order(), await ReadEventsAsync(events));
        Assert.Equal(users.Select(u => (u.Key, u.Value.Name, u.Value.Score)), await ReadUsersAsync(folders));
        JsonElement processes = (await http.GetFromJsonAsync<JsonElement>("/api/floe/v1/optimizing/processes?limit=1000", Ct)).GetProperty("processes");
        Assert.Contains(processes.EnumerateArray(), p => p.GetProperty("table").GetString() == "users" && p.GetProperty("status").GetString() == "success");
        Assert.Contains(processes.EnumerateArray(), p => p.GetProperty("table").GetString() == "events" && p.GetProperty("status").GetString() == "success");
        Assert.DoesNotContain(processes.EnumerateArray(), p => p.GetProperty("status").GetString() == "failed");
        Assert.Contains("done in", second.Output, StringComparison.Ordinal);
    }

    /// <summary>Kills <paramref name="optimizer"/> the first time the server reports it running a task.</summary>
    private static async Task<bool> KillWhenBusyAsync(HttpClient http, OptimizerProcess optimizer, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            JsonElement body;
            try
            {
                body = await http.GetFromJsonAsync<JsonElement>("/api/floe/v1/optimizers", stop);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            if (body.GetProperty("optimizers").EnumerateArray().Any(o =>
                    o.GetProperty("resource-id").GetString() == optimizer.ResourceId && o.GetProperty("running-tasks").GetInt32() > 0))
            {
                optimizer.Kill();
                return true;
            }

            await Task.Delay(5, CancellationToken.None);
        }

        return false;
    }

    /// <summary>Waits until optimizing has brought the table to at most <paramref name="files"/> data files.</summary>
    private static async Task WaitForFilesAtMostAsync(IcebergTable table, int files, TimeSpan bound)
    {
        var clock = Stopwatch.StartNew();
        int seen;
        while ((seen = await DataFilesAsync(table)) > files)
        {
            if (clock.Elapsed > bound)
            {
                Assert.Fail($"Optimizing left {seen} data files (more than {files}) for {bound.TotalSeconds:N0} s while the writer waited.");
            }

            await Task.Delay(100, Ct);
        }
    }

    private static async Task WaitForOptimizersAsync(HttpClient http, int count)
    {
        for (int i = 0; i < 300; i++)
        {
            JsonElement body = await http.GetFromJsonAsync<JsonElement>("/api/floe/v1/optimizers", Ct);
            if (body.GetProperty("optimizers").GetArrayLength() == count)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"{count} optimizer processes did not register.");
    }

    /// <summary>Waits until no table is pending or optimizing and the events table is compact.</summary>
    private static async Task WaitUntilSettledAsync(HttpClient http, IcebergTable events)
    {
        for (int i = 0; i < 600; i++)
        {
            using HttpResponseMessage refreshed = await http.PostAsJsonAsync("/api/floe/v1/optimizing/refresh", new { }, Ct);
            JsonElement tables = (await refreshed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("tables");
            if (tables.GetArrayLength() == 2 && tables.EnumerateArray().All(t => t.GetProperty("status").GetString() == "idle") && await DataFilesAsync(events) <= 4)
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail("The tables did not settle.");
    }

    private static async Task<List<long>> AppendEventsAsync(IcebergTable table, int rows, Func<long> nextId)
    {
        var ids = new List<long>(rows);
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(EventSchema), rows);
        for (int r = 0; r < rows; r++)
        {
            long id = nextId();
            ids.Add(id);
            ((PrimitiveVector<long>)batch.Column(0)).Append(id);
            ((BinaryVector)batch.Column(1)).Append("e" + id);
        }

        DataFile file;
        using (batch)
        {
            string path = Path.Combine(table.Metadata.Location, "data", $"{Guid.NewGuid():N}.parquet");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var writer = new DataFileWriter(File.Create(path), path, new DataWriterConfig { Schema = EventSchema }, PartitionData.Empty);
            await using (writer)
            {
                await writer.WriteAsync(batch, Ct);
                file = await writer.CloseAsync(Ct);
            }
        }

        AppendFiles append = table.NewFastAppend();
        append.AppendFile(file);
        await append.CommitAsync(Ct);
        return ids;
    }

    private static async Task UpsertUsersAsync(FileSystemCatalog folders, SortedDictionary<long, (string Name, long Score)> users, Random random, int rows, int keySpace)
    {
        var changes = new Dictionary<long, (string, long)>();
        for (int i = 0; i < rows; i++)
        {
            changes[random.NextInt64(keySpace)] = ($"u{random.Next(1000)}", random.NextInt64(1_000_000));
        }

        PrimaryKeyTable table = await folders.LoadPrimaryKeyTableAsync(TableIdentifier.Of("db", "users"), Ct);
        var batch = ColumnBatch.Create(IcebergColumns.ToColumnFields(UserSchema), changes.Count);
        foreach ((long id, (string name, long score)) in changes)
        {
            ((PrimitiveVector<long>)batch.Column(0)).Append(id);
            ((BinaryVector)batch.Column(1)).Append(name);
            ((PrimitiveVector<long>)batch.Column(2)).Append(score);
        }

        using (batch)
        {
            await using ChangeWriter writer = table.NewChangeWriter();
            await writer.UpsertAsync(batch, Ct);
            await writer.CommitAsync(Ct);
        }

        foreach ((long id, (string, long) value) in changes)
        {
            users[id] = value;
        }
    }

    private static async Task<int> DataFilesAsync(IcebergTable table)
    {
        await table.RefreshAsync(Ct);
        return (await table.NewScan().PlanFilesAsync(Ct)).Count;
    }

    private static async Task<List<long>> ReadEventsAsync(IcebergTable table)
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

    private static async Task<List<(long, string, long)>> ReadUsersAsync(FileSystemCatalog folders)
    {
        PrimaryKeyTable table = await folders.LoadPrimaryKeyTableAsync(TableIdentifier.Of("db", "users"), Ct);
        var rows = new List<(long, string, long)>();
        await foreach (ColumnBatch batch in table.NewScan().ReadAsync(Ct))
        {
            using (batch)
            {
                for (int r = 0; r < batch.RowCount; r++)
                {
                    rows.Add(((long)batch.Column("id").GetValue(r)!, (string)batch.Column("name").GetValue(r)!, (long)batch.Column("score").GetValue(r)!));
                }
            }
        }

        rows.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return rows;
    }
}
