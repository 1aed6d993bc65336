using Floe.Catalog.Metastore;
using Floe.Common.Errors;
using Floe.Server.Configuration;
using Floe.TestKit;

namespace Floe.Server.Tests.Hosting;

public sealed class ServerConfigLoaderTests : IDisposable
{
    private static readonly Dictionary<string, string> NoEnvironment = [];
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string WriteConfig(string yaml)
    {
        string path = _directory.Combine("floe.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private ServerOptions Load(string? file, Dictionary<string, string>? environment = null, ServerOptionOverrides? overrides = null) =>
        ServerConfigLoader.Load(file, environment ?? NoEnvironment, overrides, _directory.Path);

    private FloeException LoadFails(string yaml, Dictionary<string, string>? environment = null)
    {
        string path = WriteConfig(yaml);
        return Assert.Throws<FloeException>(() => Load(path, environment));
    }

    [Fact]
    public void Without_a_file_the_embedded_defaults_apply()
    {
        ServerOptions options = Load(null);

        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(1630, options.Port);
        Assert.Equal(_directory.Combine("floe-data"), options.DataDirectory);
        Assert.Equal(10L * 1024 * 1024, options.MaxRequestBodyBytes);
        Assert.Equal(AuthMode.None, options.Auth);
        Assert.Equal("default", options.DefaultCatalog);
        Assert.Equal(MetastoreKind.Sqlite, options.Metastore.Kind);
        Assert.Equal(_directory.Combine("floe-data", "floe.db"), options.Metastore.SqlitePath);
        Assert.Empty(options.Catalogs);
        Assert.Equal(_directory.Combine("floe-data", "warehouse", "sales"), options.DefaultWarehouseFor("sales"));
    }

    [Fact]
    public void A_file_sets_every_key_and_relative_paths_resolve_against_the_working_directory()
    {
        string path = WriteConfig("""
            server:
              host: 0.0.0.0
              port: 8181
              data-dir: ./state
              max-request-body-bytes: 2048
              default-catalog: main
            auth: token
            metastore: { type: sqlite, path: meta/floe.sqlite }
            catalogs:
              - { name: lake, type: filesystem, warehouse: /data/lake }
              - name: archive
                warehouse: archive-dir
            """);

        ServerOptions options = Load(path);

        Assert.Equal("0.0.0.0", options.Host);
        Assert.Equal(8181, options.Port);
        Assert.Equal(_directory.Combine("state"), options.DataDirectory);
        Assert.Equal(2048, options.MaxRequestBodyBytes);
        Assert.Equal("main", options.DefaultCatalog);
        Assert.Equal(AuthMode.Token, options.Auth);
        Assert.Equal(_directory.Combine("meta", "floe.sqlite"), options.Metastore.SqlitePath);
        Assert.Equal([new ExternalCatalogOptions("lake", "/data/lake"), new ExternalCatalogOptions("archive", _directory.Combine("archive-dir"))], options.Catalogs);
    }

    [Fact]
    public void Environment_variables_override_the_file()
    {
        string path = WriteConfig("server: { port: 8181, data-dir: ./state }\nauth: none\n");
        var environment = new Dictionary<string, string>
        {
            ["FLOE_SERVER_PORT"] = "9191",
            ["FLOE_AUTH"] = "token",
            ["FLOE_SERVER_MAX_REQUEST_BODY_BYTES"] = "4096",
            ["FLOE_METASTORE_TYPE"] = "postgres",
            ["FLOE_METASTORE_CONNECTION_STRING"] = "Host=db;Database=floe",
        };

        ServerOptions options = Load(path, environment);

        Assert.Equal(9191, options.Port);
        Assert.Equal(AuthMode.Token, options.Auth);
        Assert.Equal(4096, options.MaxRequestBodyBytes);
        Assert.Equal(_directory.Combine("state"), options.DataDirectory);
        Assert.Equal(MetastoreKind.Postgres, options.Metastore.Kind);
        Assert.Equal("Host=db;Database=floe", options.Metastore.ConnectionString);
    }

    [Fact]
    public void Command_line_overrides_win_over_the_environment_and_the_sqlite_file_follows_the_data_directory()
    {
        var environment = new Dictionary<string, string> { ["FLOE_SERVER_PORT"] = "9191", ["FLOE_SERVER_DATA_DIR"] = "/env/dir" };

        ServerOptions options = Load(null, environment, new ServerOptionOverrides(Port: 0, DataDirectory: "cli-dir"));

        Assert.Equal(0, options.Port);
        Assert.Equal(_directory.Combine("cli-dir"), options.DataDirectory);
        Assert.Equal(_directory.Combine("cli-dir", "floe.db"), options.Metastore.SqlitePath);
    }

    [Fact]
    public void Environment_variable_names_follow_section_and_key()
    {
        Assert.Equal("FLOE_SERVER_DATA_DIR", ConfigKeys.EnvironmentVariable(ConfigKeys.DataDir));
        Assert.Equal("FLOE_METASTORE_CONNECTION_STRING", ConfigKeys.EnvironmentVariable(ConfigKeys.MetastoreConnectionString));
        Assert.Equal("FLOE_AUTH", ConfigKeys.EnvironmentVariable(ConfigKeys.Auth));
    }

    [Fact]
    public void An_unknown_key_is_named_with_its_line()
    {
        FloeException error = LoadFails("server:\n  host: 127.0.0.1\n  prot: 80\n");

        Assert.Equal(FloeErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("floe.yaml line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("'server.prot'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_section_is_refused()
    {
        FloeException error = LoadFails("sever:\n  port: 80\n");

        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'sever'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("server:\n  port: eighty\n", "'server.port'", "line 2", "eighty")]
    [InlineData("server:\n  port: 70000\n", "'server.port'", "line 2", "70000")]
    [InlineData("server:\n  max-request-body-bytes: 0\n", "'server.max-request-body-bytes'", "line 2", "0")]
    [InlineData("\nauth: maybe\n", "'auth'", "line 2", "maybe")]
    [InlineData("metastore:\n  type: oracle\n", "'metastore.type'", "line 2", "oracle")]
    [InlineData("server:\n  default-catalog: ../up\n", "'server.default-catalog'", "line 2", "../up")]
    [InlineData("optimizing:\n  enabled: sometimes\n", "'optimizing.enabled'", "line 2", "sometimes")]
    [InlineData("optimizing:\n  heartbeat-timeout-ms: 5\n", "'optimizing.heartbeat-timeout-ms'", "line 2", "5")]
    [InlineData("optimizing:\n  local-threads: -1\n", "'optimizing.local-threads'", "line 2", "-1")]
    [InlineData("optimizing:\n  commit-refresh-delay-ms: -5\n", "'optimizing.commit-refresh-delay-ms'", "line 2", "-5")]
    [InlineData("scan-cache:\n  manifests-mb: -1\n", "'scan-cache.manifests-mb'", "line 2", "-1")]
    [InlineData("scan-cache:\n  footers-mb: 64MB\n", "'scan-cache.footers-mb'", "line 2", "64MB")]
    [InlineData("scan-cache:\n  decoded-files-mb: 1048577\n", "'scan-cache.decoded-files-mb'", "line 2", "1048577")]
    public void A_bad_value_names_the_key_the_line_and_the_value(string yaml, string key, string line, string value)
    {
        FloeException error = LoadFails(yaml);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(line, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_optimizing_section_sets_the_services_timeouts_and_local_threads_with_amoros_defaults_otherwise()
    {
        OptimizingOptions defaults = Load(null).Optimizing;
        Assert.Equal((true, 60_000L, 30_000L, 0L, 3_000L, 1), (defaults.Enabled, defaults.HeartbeatTimeoutMs, defaults.TaskAckTimeoutMs, defaults.TaskExecuteTimeoutMs, defaults.PollTimeoutMs, defaults.LocalThreads));
        Assert.Equal(512L << 20, defaults.MaxInputBytesPerThread);

        string path = WriteConfig("""
            optimizing:
              enabled: false
              refresh-interval-ms: 5000
              heartbeat-timeout-ms: 20000
              task-ack-timeout-ms: 7000
              task-execute-timeout-ms: 600000
              poll-timeout-ms: 1000
              local-threads: 4
              max-input-file-size-per-thread: 1048576
              break-quota-limit-enabled: false
              history-keep-ms: 3600000
              commit-refresh-delay-ms: 0
            """);
        OptimizingOptions options = Load(path, new Dictionary<string, string> { ["FLOE_OPTIMIZING_LOCAL_THREADS"] = "2" }).Optimizing;

        Assert.False(options.Enabled);
        Assert.Equal((5000L, 20000L, 7000L, 600000L, 1000L), (options.RefreshIntervalMs, options.HeartbeatTimeoutMs, options.TaskAckTimeoutMs, options.TaskExecuteTimeoutMs, options.PollTimeoutMs));
        Assert.Equal((2, 1048576L, false, 3600000L), (options.LocalThreads, options.MaxInputBytesPerThread, options.BreakQuotaLimit, options.HistoryKeepMs));
        Assert.Equal((1_000L, 0L), (defaults.CommitRefreshDelayMs, options.CommitRefreshDelayMs));
    }

    [Fact]
    public void The_scan_cache_section_bounds_each_cache_in_megabytes_and_a_missing_key_is_left_out()
    {
        Assert.Empty(Load(null).CacheMegabytes);
        string path = WriteConfig("""
            scan-cache:
              manifests-mb: 512
              footers-mb: 0
            """);

        ServerOptions options = Load(path, new Dictionary<string, string> { ["FLOE_SCAN_CACHE_MANIFESTS_MB"] = "256" });

        Assert.Equal(
            new Dictionary<string, long> { ["scan-cache.manifests-mb"] = 256, ["scan-cache.footers-mb"] = 0 },
            options.CacheMegabytes.ToDictionary());
    }

    [Fact]
    public void A_bad_environment_value_names_the_variable()
    {
        var error = Assert.Throws<FloeException>(() => Load(null, new Dictionary<string, string> { ["FLOE_SERVER_PORT"] = "-1" }));

        Assert.Contains("environment variable FLOE_SERVER_PORT", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_names_the_line()
    {
        FloeException error = LoadFails("server:\n  port: 1630\n  host: [unclosed\n");

        Assert.Contains("floe.yaml line", error.Message, StringComparison.Ordinal);
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("server: 5\n", "section 'server' must be a mapping")]
    [InlineData("server:\n  port: [1, 2]\n", "must be a single value")]
    [InlineData("server:\n  port: 1\n  port: 2\n", "Duplicate key")]
    [InlineData("catalogs: lake\n", "must be a list")]
    [InlineData("catalogs:\n  - { name: lake }\n", "has no 'warehouse'")]
    [InlineData("catalogs:\n  - { warehouse: /w }\n", "has no 'name'")]
    [InlineData("catalogs:\n  - { name: lake, type: hive, warehouse: /w }\n", "'hive' is not an external catalog type")]
    [InlineData("catalogs:\n  - { name: lake, warehouse: /w, uri: x }\n", "unknown key 'catalogs.uri'")]
    [InlineData("catalogs:\n  - { name: default, warehouse: /w }\n", "default internal catalog")]
    [InlineData("catalogs:\n  - { name: a, warehouse: /w }\n  - { name: a, warehouse: /v }\n", "already listed")]
    [InlineData("metastore:\n  type: postgres\n", "needs key 'metastore.connection-string'")]
    [InlineData("- a\n- b\n", "must be a mapping of sections")]
    public void A_malformed_file_is_explained(string yaml, string expected)
    {
        FloeException error = LoadFails(yaml);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_means_the_defaults()
    {
        ServerOptions options = Load(WriteConfig("# nothing configured\n"));

        Assert.Equal(1630, options.Port);
        Assert.Equal(AuthMode.None, options.Auth);
    }

    [Fact]
    public void A_missing_file_is_not_found()
    {
        var error = Assert.Throws<FloeException>(() => Load(_directory.Combine("absent.yaml")));

        Assert.Equal(FloeErrorKind.NotFound, error.Kind);
        Assert.Contains("absent.yaml", error.Message, StringComparison.Ordinal);
    }
}
