using System.Diagnostics;
using System.Globalization;
using Floe.Catalog;
using Floe.Catalog.FileSystem;
using Floe.Core.Manifests;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;

// Commits per second to one table through the filesystem catalog. Each commit appends one small data file
// (its manifest entry; the data file itself is not written, so the figure is the cost of the commit path:
// manifest, manifest list, metadata JSON, atomic create, version hint, and retries under contention).
if (args.Length > 0 && args[0] == "data-files") { await DataFileWriteBench.RunAsync(args[1..]); return; }
if (args.Length > 0 && args[0] == "row-delete") { await RowDeleteBench.RunAsync(args[1..]); return; }
if (args.Length > 0 && args[0] == "maintenance") { await MaintenanceBench.RunAsync(args[1..]); return; }
if (args.Length > 0 && args[0] == "planning") { Environment.ExitCode = await PlanningBench.RunAsync(args[1..]); return; }

int commits = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
string root = Path.Combine(Path.GetTempPath(), "floe-table-bench-" + Guid.NewGuid().ToString("N"));
var schema = new Schema([NestedField.Required(1, "id", PrimitiveType.Long), NestedField.Optional(2, "data", PrimitiveType.String)]);
var retries = new Dictionary<string, string>
{
    [CommitRetryProperties.NumRetries.Key] = "1000",
    [CommitRetryProperties.MinWaitMs.Key] = "1",
    [CommitRetryProperties.MaxWaitMs.Key] = "50",
};
long fileCounter = 0;

try
{
    Console.WriteLine($"{commits} commits per case, warehouse {root}");
    Console.WriteLine("case                          writers  commits/s  ms/commit  final-version");
    await RunAsync("fast append", writers: 1, merge: false);
    await RunAsync("merging append (min 100)", writers: 1, merge: true);
    await RunAsync("fast append, contended", writers: 4, merge: false);
}
finally
{
    Directory.Delete(root, recursive: true);
}

async Task RunAsync(string name, int writers, bool merge)
{
    var catalog = new FileSystemCatalog(Path.Combine(root, Guid.NewGuid().ToString("N")));
    var id = TableIdentifier.Of("bench", "events");
    await catalog.CreateNamespaceAsync(id.Namespace);
    await catalog.CreateTableAsync(id, schema, properties: retries);

    // Warm-up: JIT and file system caches.
    var warm = await catalog.LoadTableAsync(id);
    for (int i = 0; i < 5; i++)
    {
        await warm.NewFastAppend().AppendFile(NextFile()).CommitAsync();
    }

    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
    {
        var table = await catalog.LoadTableAsync(id);
        int mine = (commits / writers) + (w < commits % writers ? 1 : 0);
        for (int i = 0; i < mine; i++)
        {
            var append = merge ? table.NewAppend() : table.NewFastAppend();
            await append.AppendFile(NextFile()).CommitAsync();
        }
    })));
    clock.Stop();

    var final = (await catalog.LoadTableAsync(id)).Metadata;
    double perSecond = commits / clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-30}{writers,7}{perSecond,11:F0}{clock.Elapsed.TotalMilliseconds / commits,11:F2}  {Path.GetFileName(final.MetadataFileLocation)}"));
}

DataFile NextFile() => new()
{
    FilePath = string.Create(CultureInfo.InvariantCulture, $"{root}/data/part-{Interlocked.Increment(ref fileCounter)}.parquet"),
    Format = FileFormat.Parquet,
    RecordCount = 100,
    FileSizeInBytes = 4096,
};
