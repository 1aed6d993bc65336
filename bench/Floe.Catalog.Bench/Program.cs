using System.Diagnostics;
using System.Globalization;
using Floe.Catalog;
using Floe.Catalog.Metastore;
using Floe.Core.Manifests;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Types;
using Floe.TestKit;

// Commits per second to one table through the metastore catalog. "swap" commits carry a requirement and no update,
// so they cost only the pointer swap in the database (no metadata file); "rest" commits are the REST catalog's form (one
// property update re-applied on a lost pointer swap); "append" commits are fast appends of one data file entry
// through IcebergTable (manifest, manifest list, metadata file, pointer swap). PostgreSQL runs on a private durable
// server started here (fsync on), unless --postgres gives a connection string.
int commits = 400;
string? postgres = null;
bool skipPostgres = false;
string rootParent = Path.GetTempPath();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--commits": commits = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--postgres": postgres = args[++i]; break;
        case "--sqlite-only": skipPostgres = true; break;
        case "--root": rootParent = args[++i]; break;
        default: Console.Error.WriteLine("usage: Floe.Catalog.Bench [--commits N] [--postgres <connection string>] [--sqlite-only] [--root <folder for files and the SQLite database>]"); return 2;
    }
}

string root = Path.Combine(rootParent, "floe-catalog-bench-" + Guid.NewGuid().ToString("N"));
var schema = new Schema([NestedField.Required(1, "id", PrimitiveType.Long), NestedField.Optional(2, "data", PrimitiveType.String)]);
var retries = new Dictionary<string, string>
{
    [CommitRetryProperties.NumRetries.Key] = "1000",
    [CommitRetryProperties.MinWaitMs.Key] = "1",
    [CommitRetryProperties.MaxWaitMs.Key] = "20",
};
long fileCounter = 0;
PostgresServer? server = null;

try
{
    Console.WriteLine($"{commits} commits per case, files under {root}");
    Console.WriteLine("engine      case      writers  commits/s  ms/commit  cpu ms/commit  final metadata file");
    await FileFloorAsync();
    await RunEngineAsync("sqlite", MetastoreSettings.Sqlite(Path.Combine(root, "floe.db")));
    if (!skipPostgres)
    {
        if (postgres is null)
        {
            server = new PostgresServer { Durable = true };
            await server.InitializeAsync();
            server.RequireAvailable();
            postgres = await server.CreateDatabaseAsync();
        }

        await RunEngineAsync("postgresql", MetastoreSettings.Postgres(postgres));
    }
}
finally
{
    if (server is not null)
    {
        await server.DisposeAsync();
    }

    Directory.Delete(root, recursive: true);
}

return 0;

// The floor under every commit that writes metadata: durable atomic creates of a metadata-sized file, no database.
async Task FileFloorAsync()
{
    var io = new Floe.Core.IO.LocalFileIO();
    string folder = Path.Combine(root, "file-floor");
    Directory.CreateDirectory(folder);
    byte[] json = TableMetadataWriter.ToUtf8(NewTable.Create(schema, null, null, folder, retries));
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < commits; i++)
    {
        var stream = await io.NewOutputFile(Path.Combine(folder, $"{i:D5}.metadata.json")).CreateAsync();
        await using (stream)
        {
            await stream.WriteAsync(json);
        }
    }

    clock.Stop();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{"files",-12}{"create",-10}{1,7}{commits / clock.Elapsed.TotalSeconds,11:F0}{clock.Elapsed.TotalMilliseconds / commits,11:F2}{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / commits,15:F2}  ({json.Length} bytes each, no database)"));
}

async Task RunEngineAsync(string engine, MetastoreSettings settings)
{
    using var database = await MetastoreDatabase.OpenAsync(settings);
    string catalogName = "bench" + Guid.NewGuid().ToString("N")[..8];
    await database.Catalogs.CreateAsync(catalogName, Path.Combine(root, catalogName));
    var catalog = await database.OpenCatalogAsync(catalogName);
    await catalog.CreateNamespaceAsync(Namespace.Of("bench"));
    await RunAsync(engine, catalog, "swap", 1);
    await RunAsync(engine, catalog, "rest", 1);
    await RunAsync(engine, catalog, "rest", 4);
    await RunAsync(engine, catalog, "append", 1);
    await RunAsync(engine, catalog, "append", 4);
}

async Task RunAsync(string engine, MetastoreCatalog catalog, string mode, int writers)
{
    var id = TableIdentifier.Of("bench", $"{mode}{writers}");
    await catalog.CreateTableAsync(id, schema, properties: retries);
    await CommitAsync(catalog, id, mode, 10, 0); // warm-up: JIT, pools, file system caches

    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        CommitAsync(catalog, id, mode, (commits / writers) + (w < commits % writers ? 1 : 0), w))));
    clock.Stop();
    double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / commits;

    var final = (await catalog.LoadTableAsync(id)).Metadata;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{engine,-12}{mode,-10}{writers,7}{commits / clock.Elapsed.TotalSeconds,11:F0}{clock.Elapsed.TotalMilliseconds / commits,11:F2}{cpuMs,15:F2}  {Path.GetFileName(final.MetadataFileLocation)}"));
}

async Task CommitAsync(MetastoreCatalog catalog, TableIdentifier id, string mode, int count, int writer)
{
    if (mode == "swap")
    {
        var metadata = (await catalog.LoadTableAsync(id)).Metadata;
        UpdateRequirement[] requirements = [new UpdateRequirement.AssertTableUuid(metadata.TableUuid!.Value)];
        for (int i = 0; i < count; i++)
        {
            await catalog.CommitTableAsync(id, requirements, []);
        }

        return;
    }

    if (mode == "rest")
    {
        for (int i = 0; i < count; i++)
        {
            var update = new MetadataUpdate.SetProperties(new Dictionary<string, string> { [$"writer-{writer}"] = i.ToString(CultureInfo.InvariantCulture) });
            await catalog.CommitTableAsync(id, [], [update]);
        }

        return;
    }

    var table = await catalog.LoadTableAsync(id);
    for (int i = 0; i < count; i++)
    {
        await table.NewFastAppend().AppendFile(NextFile()).CommitAsync();
    }
}

DataFile NextFile() => new()
{
    FilePath = string.Create(CultureInfo.InvariantCulture, $"{root}/data/part-{Interlocked.Increment(ref fileCounter)}.parquet"),
    Format = FileFormat.Parquet,
    RecordCount = 100,
    FileSizeInBytes = 4096,
};
