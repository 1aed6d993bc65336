using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Common.Columnar;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Writing;
using Floe.Optimizing.Commit;
using Floe.Optimizing.Evaluation;
using Floe.Optimizing.Execution;
using Floe.Optimizing.PrimaryKeys;
using Floe.Optimizing.Targets;
using Floe.TestKit;


namespace Floe.Optimizing.Tests.PrimaryKeys;

/// <summary>
/// A primary-key table (id long key, name string, value int; partitioned by bucket(id, 3)) in a filesystem warehouse,
/// with an in-memory model of what its merged view must hold.
/// </summary>
internal sealed class PrimaryKeyTables : IDisposable
{
    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), "floe-mixed-opt-" + Guid.NewGuid().ToString("N"));
    private readonly TableIdentifier _id = TableIdentifier.Parse("db.users");

    private PrimaryKeyTables()
    {
        Catalog = new FileSystemCatalog(_warehouse);
    }

    public FileSystemCatalog Catalog { get; }

    /// <summary>The rows the merged view must hold, by key.</summary>
    public SortedDictionary<long, (string? Name, int? Value)> Model { get; } = [];

    public static Schema Schema { get; } = new(
    [
        NestedField.Required(1, "id", PrimitiveType.Long),
        NestedField.Optional(2, "name", PrimitiveType.String),
        NestedField.Optional(3, "value", PrimitiveType.Int),
    ]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PrimaryKeyTables> CreateAsync(IReadOnlyDictionary<string, string>? properties = null, bool partitioned = true)
    {
        var tables = new PrimaryKeyTables();
        var props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [PrimaryKeyProperties.BaseHashBucket.Key] = "4",
            [PrimaryKeyProperties.ChangeHashBucket.Key] = "2",
        };
        foreach ((string key, string value) in properties ?? new Dictionary<string, string>())
        {
            props[key] = value;
        }

        await tables.Catalog.CreateNamespaceAsync(Namespace.Of("db"), Ct);
        PartitionSpec? spec = partitioned ? new PartitionSpecBuilder(Schema).Bucket("id", 3).Build() : null;
        await tables.Catalog.CreatePrimaryKeyTableAsync(tables._id, Schema, ["id"], spec, props, Ct);
        return tables;
    }

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Loads the table afresh, as the server does each round.</summary>
    public Task<PrimaryKeyTable> LoadAsync() => Catalog.LoadPrimaryKeyTableAsync(_id, Ct);

    public async Task<PrimaryKeyOptimizingTarget> TargetAsync() => new(await LoadAsync());

    /// <summary>Upserts the rows in one transaction and applies them to the model.</summary>
    public async Task UpsertAsync(params (long Id, string? Name, int? Value)[] rows)
    {
        PrimaryKeyTable table = await LoadAsync();
        await using ChangeWriter writer = table.NewChangeWriter();
        using ColumnBatch batch = Rows.Of(rows);
        await writer.UpsertAsync(batch, Ct);
        await writer.CommitAsync(Ct);
        foreach ((long id, string? name, int? value) in rows)
        {
            Model[id] = (name, value);
        }
    }

    /// <summary>Deletes the keys in one transaction and applies it to the model.</summary>
    public async Task DeleteAsync(params long[] ids)
    {
        PrimaryKeyTable table = await LoadAsync();
        await using ChangeWriter writer = table.NewChangeWriter();
        using ColumnBatch batch = Rows.Of([.. ids.Select(id => (id, (string?)null, (int?)null))]);
        await writer.DeleteAsync(batch, Ct);
        await writer.CommitAsync(Ct);
        foreach (long id in ids)
        {
            Model.Remove(id);
        }
    }

    /// <summary>A commit of random upserts (new and existing keys) and deletes of existing keys.</summary>
    public async Task RandomCommitAsync(Random random, int keySpace, int rows)
    {
        var upserts = new Dictionary<long, (string?, int?)>();
        for (int i = 0; i < rows; i++)
        {
            long id = random.NextInt64(keySpace);
            upserts[id] = (random.Next(5) == 0 ? null : $"n{random.Next(1000)}", random.Next(4) == 0 ? null : random.Next(1000));
        }

        await UpsertAsync([.. upserts.Select(p => (p.Key, p.Value.Item1, p.Value.Item2))]);
        long[] deletes = [.. Model.Keys.Where(_ => random.Next(6) == 0)];
        if (deletes.Length > 0)
        {
            await DeleteAsync(deletes);
        }
    }

    /// <summary>The merged view, sorted by key.</summary>
    public async Task<List<(long Id, string? Name, int? Value)>> ReadAsync()
    {
        PrimaryKeyTable table = await LoadAsync();
        var rows = new List<(long, string?, int?)>();
        await foreach (ColumnBatch batch in table.NewScan().ReadAsync(Ct))
        {
            using (batch)
            {
                for (int row = 0; row < batch.RowCount; row++)
                {
                    rows.Add(((long)batch.Column("id").GetValue(row)!, (string?)batch.Column("name").GetValue(row), (int?)batch.Column("value").GetValue(row)));
                }
            }
        }

        rows.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return rows;
    }

    public List<(long Id, string? Name, int? Value)> Expected => [.. Model.Select(p => (p.Key, p.Value.Name, p.Value.Value))];

    /// <summary>
    /// Plans with a fresh target and runs every task through the default executors, as optimizers do.
    /// </summary>
    public async Task<(PrimaryKeyOptimizingTarget Target, PlannedProcess Process, List<string> Outputs)> PlanAndRunAsync(
        long processId, OptimizingTimes? times = null, int attempt = 1, long maxInputBytes = long.MaxValue)
    {
        PrimaryKeyOptimizingTarget target = await TargetAsync();
        PlannedProcess? process = await target.PlanAsync(processId, times ?? OptimizingTimes.Never(Now), maxInputBytes, Ct);
        Assert.NotNull(process);
        OptimizingTaskExecutors executors = OptimizingTaskExecutors.CreateDefault(new Floe.Core.IO.LocalFileIO());
        var outputs = new List<string>();
        foreach (PlannedTask task in process.Tasks)
        {
            Assert.Equal(OptimizingTaskKinds.PrimaryKeyMerge, task.Kind);
            outputs.Add(await executors.ExecuteAsync(task.Kind, task.Json, attempt, Ct));
        }

        return (target, process, outputs);
    }

    /// <summary>Plans, runs and commits one process; asserts it committed.</summary>
    public async Task<OptimizingCommitResult> OptimizeAsync(long processId, OptimizingTimes? times = null)
    {
        var (target, process, outputs) = await PlanAndRunAsync(processId, times);
        OptimizingCommitResult result = await target.CommitAsync(process, outputs, Ct);
        Assert.Equal(CommitOutcome.Committed, result.Outcome);
        return result;
    }

    public string[] Files(string store) =>
        Directory.Exists(Path.Combine(_warehouse, "db", "users", store, "data"))
            ? [.. Directory.EnumerateFiles(Path.Combine(_warehouse, "db", "users", store, "data"), "*.parquet", SearchOption.AllDirectories)]
            : [];

    public void Dispose()
    {
        try
        {
            Directory.Delete(_warehouse, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
