using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Floe.TestKit;

/// <summary>
/// A private PostgreSQL 15 server for tests: a fresh data directory in the temporary folder, a free port on
/// 127.0.0.1, trust authentication, stopped and deleted on dispose. As root, the data directory belongs to the
/// <c>postgres</c> user and the server runs as that user (initdb refuses root). Used as an assembly fixture; when the
/// binaries are missing, <see cref="RequireAvailable"/> skips the test, or fails it when <c>CI=true</c>.
/// Compiled with FLOE_BENCH (no xunit), it is a plain launcher for benchmarks.
/// </summary>
public sealed class PostgresServer
#if !FLOE_BENCH
    : IAsyncLifetime
#endif
{
    public const string BinFolder = "/usr/lib/postgresql/15/bin";
    private const string User = "floe";
    private string? _root;
    private string? _dataFolder;
    private int _databases;
    private Task<string>? _shared;

    /// <summary>Why the server could not start (null when it runs).</summary>
    public string? UnavailableReason { get; private set; }

    public int Port { get; private set; }

    /// <summary>A connection string to the server's <c>postgres</c> database.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    /// <summary>Extra server settings, e.g. <c>fsync=off</c> for tests that do not measure durability.</summary>
    public bool Durable { get; init; }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")))
        {
            UnavailableReason = $"PostgreSQL 15 is not installed ({BinFolder}/initdb is missing; apt-get install postgresql-15).";
            return;
        }

        try
        {
            await StartAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            UnavailableReason = e.Message;
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Skips the calling test when PostgreSQL is unavailable, or fails it under CI, where it must be installed.</summary>
    public void RequireAvailable()
    {
        if (UnavailableReason is null)
        {
            return;
        }

#if FLOE_BENCH
        throw new InvalidOperationException(UnavailableReason);
#else
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"PostgreSQL tests cannot run under CI: {UnavailableReason}");
        }

        Assert.Skip($"PostgreSQL tests skipped: {UnavailableReason}");
#endif
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        RequireAvailable();
        string name = string.Create(CultureInfo.InvariantCulture, $"floe_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}");
        var connection = new NpgsqlConnection(AdminConnectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await using (command.ConfigureAwait(false))
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return ConnectionStringFor(name);
    }

    /// <summary>One database every caller shares (created on first use); callers keep apart by their own names in it.</summary>
    public Task<string> SharedDatabaseAsync()
    {
        RequireAvailable();
        var created = Interlocked.CompareExchange(ref _shared, null, null);
        if (created is null)
        {
            var attempt = CreateDatabaseAsync(CancellationToken.None);
            created = Interlocked.CompareExchange(ref _shared, attempt, null) ?? attempt;
        }

        return created;
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database, Pooling = true, MaxPoolSize = 20 }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        if (_dataFolder is not null && File.Exists(Path.Combine(_dataFolder, "postmaster.pid")))
        {
            await RunAsync(Path.Combine(BinFolder, "pg_ctl"), ["-D", _dataFolder, "-m", "immediate", "-w", "stop"], throwOnFailure: false).ConfigureAwait(false);
        }

        if (_root is not null && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }

        _root = null;
        _dataFolder = null;
    }

    private async Task StartAsync()
    {
        _root = Path.Combine(Path.GetTempPath(), $"floe-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        if (RunsAsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", _root], asPostgres: false).ConfigureAwait(false);
        }

        _dataFolder = Path.Combine(_root, "data");
        await RunAsync(Path.Combine(BinFolder, "initdb"), ["-D", _dataFolder, "-U", User, "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]).ConfigureAwait(false);
        Port = FreePort();
        string options = string.Create(CultureInfo.InvariantCulture,
            $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c max_connections=200{(Durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off")}");
        await RunAsync(Path.Combine(BinFolder, "pg_ctl"), ["-D", _dataFolder, "-o", options, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"]).ConfigureAwait(false);
    }

    private static bool RunsAsRoot => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string program, string[] arguments, bool asPostgres = true, bool throwOnFailure = true)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root ?? Path.GetTempPath(),
        };
        if (asPostgres && RunsAsRoot)
        {
            start.FileName = "runuser";
            foreach (string argument in (string[])["-u", "postgres", "--", program, .. arguments])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0 && throwOnFailure)
        {
            string log = _root is not null && File.Exists(Path.Combine(_root, "server.log")) ? await File.ReadAllTextAsync(Path.Combine(_root, "server.log")).ConfigureAwait(false) : "";
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: {await error.ConfigureAwait(false)} {await output.ConfigureAwait(false)} {log}".Trim());
        }
    }
}
