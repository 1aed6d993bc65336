using System.Diagnostics;
using System.Globalization;
using Floe.Server.Bench;
using Floe.Server.Configuration;
using Floe.Server.Hosting;
using Floe.Catalog.Metastore;
using Floe.TestKit;

// Floe server REST benchmark: loadTable and append commits through the Iceberg REST catalog of a real server
// (Kestrel on 127.0.0.1, token auth) with 1, 4 and 16 concurrent clients, over a SQLite and a PostgreSQL metastore.
//   dotnet run -c Release --project bench/Floe.Server.Bench [-- --metastore sqlite|postgres|both --commits 100 --loads 400 --clients 1,4,16]

var settings = BenchSettings.Parse(args);
var results = new List<BenchResult>();
Console.WriteLine($"Floe server REST bench: {Environment.ProcessorCount} cores, {settings.CommitsPerClient} commits and {settings.LoadsPerClient} loads per client, clients {string.Join(", ", settings.Clients)}");

if (settings.Metastores.Contains("sqlite"))
{
    string dir = Path.Combine(Path.GetTempPath(), "floe-server-bench", Guid.NewGuid().ToString("N"));
    try
    {
        results.AddRange(await RunAsync("sqlite", dir, new MetastoreOptions { Kind = MetastoreKind.Sqlite, SqlitePath = Path.Combine(dir, "floe.db") }, settings));
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

if (settings.Metastores.Contains("postgres"))
{
    var postgres = new PostgresServer { Durable = true };
    await postgres.InitializeAsync();
    try
    {
        if (postgres.UnavailableReason is not null)
        {
            Console.WriteLine($"PostgreSQL skipped: {postgres.UnavailableReason}");
        }
        else
        {
            string connection = await postgres.CreateDatabaseAsync();
            string dir = Path.Combine(Path.GetTempPath(), "floe-server-bench", Guid.NewGuid().ToString("N"));
            try
            {
                results.AddRange(await RunAsync("postgres", dir, new MetastoreOptions { Kind = MetastoreKind.Postgres, ConnectionString = connection }, settings));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
    finally
    {
        await postgres.DisposeAsync();
    }
}

Console.WriteLine();
Console.WriteLine("| metastore | operation | clients | ops | ops/s | p50 ms | p99 ms | 409 retries |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
foreach (BenchResult result in results)
{
    Console.WriteLine(result.ToMarkdownRow());
}

static async Task<List<BenchResult>> RunAsync(string name, string dataDirectory, MetastoreOptions metastore, BenchSettings settings)
{
    var options = new ServerOptions
    {
        Host = "127.0.0.1",
        Port = 0,
        DataDirectory = dataDirectory,
        Auth = AuthMode.Token,
        Metastore = metastore,
        MaxRequestBodyBytes = ServerOptions.DefaultMaxRequestBodyBytes,
    };
    await using FloeServer server = await FloeServer.StartAsync(options);
    string token = (await server.Tokens.CreateAsync("bench", isAdmin: true, null)).Secret;
    using HttpClient http = RestClient.CreateHttp(server.Address, token);
    var client = new RestClient(http, ServerOptions.DefaultCatalogName);
    await client.CreateNamespaceAsync("bench", CancellationToken.None);
    var ids = new SnapshotIds();

    // A table with some history for loadTable, and a warm-up of both paths.
    TableState state = await client.CreateTableAsync("bench", "loaded", CancellationToken.None);
    for (int i = 0; i < 20; i++)
    {
        state = await client.AppendAsync("bench", "loaded", state, ids.Next(), CancellationToken.None) ?? throw new InvalidOperationException("Unexpected conflict.");
        await client.LoadTableAsync("bench", "loaded", CancellationToken.None);
    }

    var results = new List<BenchResult>();
    foreach (int clients in settings.Clients)
    {
        results.Add(await MeasureAsync(name, "loadTable", clients, settings.LoadsPerClient, async (_, latencies) =>
        {
            for (int i = 0; i < settings.LoadsPerClient; i++)
            {
                long start = Stopwatch.GetTimestamp();
                await client.LoadTableAsync("bench", "loaded", CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return 0;
        }));
    }

    foreach (int clients in settings.Clients)
    {
        var tables = new TableState[clients];
        for (int c = 0; c < clients; c++)
        {
            tables[c] = await client.CreateTableAsync("bench", $"own_{clients}_{c}", CancellationToken.None);
        }

        results.Add(await MeasureAsync(name, "commit (own table)", clients, settings.CommitsPerClient, async (c, latencies) =>
        {
            TableState current = tables[c];
            for (int i = 0; i < settings.CommitsPerClient; i++)
            {
                long start = Stopwatch.GetTimestamp();
                current = await client.AppendAsync("bench", $"own_{clients}_{c}", current, ids.Next(), CancellationToken.None)
                    ?? throw new InvalidOperationException("A commit to a table of its own conflicted.");
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return 0;
        }));
    }

    foreach (int clients in settings.Clients.Where(c => c > 1))
    {
        string table = $"shared_{clients}";
        await client.CreateTableAsync("bench", table, CancellationToken.None);
        results.Add(await MeasureAsync(name, "commit (shared table)", clients, settings.CommitsPerClient, async (_, latencies) =>
        {
            long retries = 0;
            TableState current = await client.LoadStateAsync("bench", table, CancellationToken.None);
            for (int i = 0; i < settings.CommitsPerClient; i++)
            {
                long start = Stopwatch.GetTimestamp();
                int attempt = 0;
                while (true)
                {
                    TableState? committed = await client.AppendAsync("bench", table, current, ids.Next(), CancellationToken.None);
                    if (committed is not null)
                    {
                        current = committed;
                        break;
                    }

                    // Another client won: back off with jitter, refresh and re-apply, as Iceberg clients do.
                    retries++;
                    attempt++;
                    await Task.Delay(Random.Shared.Next(1, 1 + (2 << Math.Min(attempt, 6))));
                    current = await client.LoadStateAsync("bench", table, CancellationToken.None);
                }

                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return retries;
        }));
    }

    await server.StopAsync();
    return results;
}

static async Task<BenchResult> MeasureAsync(string metastore, string operation, int clients, int perClient, Func<int, List<double>, Task<long>> work)
{
    var latencies = new List<double>[clients];
    var tasks = new Task<long>[clients];
    long started = Stopwatch.GetTimestamp();
    for (int c = 0; c < clients; c++)
    {
        int client = c;
        latencies[c] = new List<double>(perClient);
        tasks[c] = Task.Run(() => work(client, latencies[client]));
    }

    long[] retries = await Task.WhenAll(tasks);
    TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
    double[] all = [.. latencies.SelectMany(l => l).Order()];
    var result = new BenchResult(metastore, operation, clients, all.Length, all.Length / elapsed.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.99), retries.Sum());
    Console.WriteLine(result.ToMarkdownRow());
    return result;
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

internal sealed record BenchResult(string Metastore, string Operation, int Clients, int Ops, double OpsPerSecond, double P50Ms, double P99Ms, long Retries)
{
    public string ToMarkdownRow() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Metastore} | {Operation} | {Clients} | {Ops} | {OpsPerSecond:F0} | {P50Ms:F2} | {P99Ms:F2} | {Retries} |");
}

/// <summary>Distinct positive snapshot ids across all clients.</summary>
internal sealed class SnapshotIds
{
    private long _next = 1_000_000;

    public long Next() => Interlocked.Increment(ref _next);
}

internal sealed record BenchSettings(IReadOnlyList<string> Metastores, int CommitsPerClient, int LoadsPerClient, IReadOnlyList<int> Clients)
{
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(["sqlite", "postgres"], 100, 400, [1, 4, 16]);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            settings = args[i] switch
            {
                "--metastore" => settings with { Metastores = value == "both" ? ["sqlite", "postgres"] : [value] },
                "--commits" => settings with { CommitsPerClient = int.Parse(value, CultureInfo.InvariantCulture) },
                "--loads" => settings with { LoadsPerClient = int.Parse(value, CultureInfo.InvariantCulture) },
                "--clients" => settings with { Clients = [.. value.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --metastore, --commits, --loads, --clients."),
            };
        }

        return settings;
    }
}
