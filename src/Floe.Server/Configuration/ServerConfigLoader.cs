using System.Collections;
using System.Globalization;
using Floe.Catalog.Metastore;
using Floe.Common.Errors;
using Floe.Core.Properties;

namespace Floe.Server.Configuration;

/// <summary>
/// Builds <see cref="ServerOptions"/> from the embedded defaults, an optional <c>floe.yaml</c>, environment variables
/// <c>FLOE_&lt;SECTION&gt;_&lt;KEY&gt;</c> and command-line overrides, later ones winning. A bad value fails with a
/// <see cref="FloeException"/> naming the key and the file line or variable it came from.
/// </summary>
public static class ServerConfigLoader
{
    /// <summary>The configuration file's conventional name.</summary>
    public const string DefaultFileName = "floe.yaml";

    /// <summary>The data directory when nothing configures one, relative to the working directory.</summary>
    public const string DefaultDataDirectory = "floe-data";

    /// <summary>
    /// Loads the options. <paramref name="configFile"/> null means the embedded defaults only; a named file must exist.
    /// <paramref name="environment"/> null reads the process environment. Relative paths resolve against
    /// <paramref name="workingDirectory"/> (the current directory when null).
    /// </summary>
    public static ServerOptions Load(
        string? configFile,
        IReadOnlyDictionary<string, string>? environment = null,
        ServerOptionOverrides? overrides = null,
        string? workingDirectory = null)
    {
        workingDirectory = Path.GetFullPath(workingDirectory ?? Directory.GetCurrentDirectory());
        var values = new Dictionary<string, ConfigValue>(StringComparer.Ordinal);
        var catalogs = new List<Dictionary<string, ConfigValue>>();
        if (configFile is not null)
        {
            string path = Path.GetFullPath(configFile, workingDirectory);
            if (!File.Exists(path))
            {
                throw new FloeException(FloeErrorKind.NotFound, $"Configuration file '{path}' does not exist.");
            }

            using var reader = new StreamReader(path);
            YamlConfigReader.Result file = YamlConfigReader.Read(reader, Path.GetFileName(path));
            foreach ((string key, ConfigValue value) in file.Values)
            {
                values[key] = value;
            }

            catalogs = file.Catalogs;
        }

        environment ??= ProcessEnvironment();
        foreach (string key in ConfigKeys.Scalars)
        {
            string variable = ConfigKeys.EnvironmentVariable(key);
            if (environment.TryGetValue(variable, out string? text) && !string.IsNullOrWhiteSpace(text))
            {
                values[key] = new ConfigValue(text, $"environment variable {variable}");
            }
        }

        if (overrides?.Port is int port)
        {
            values[ConfigKeys.Port] = new ConfigValue(port.ToString(CultureInfo.InvariantCulture), "option --port");
        }

        if (overrides?.DataDirectory is string dataDirectory)
        {
            values[ConfigKeys.DataDir] = new ConfigValue(dataDirectory, "option --data-dir");
        }

        return Build(values, catalogs, workingDirectory);
    }

    private static ServerOptions Build(Dictionary<string, ConfigValue> values, List<Dictionary<string, ConfigValue>> catalogEntries, string workingDirectory)
    {
        string dataDirectory = values.TryGetValue(ConfigKeys.DataDir, out ConfigValue? dir)
            ? ResolvePath(dir, workingDirectory)
            : Path.Combine(workingDirectory, DefaultDataDirectory);
        string defaultCatalog = values.TryGetValue(ConfigKeys.DefaultCatalog, out ConfigValue? catalog)
            ? CheckCatalogName(catalog)
            : ServerOptions.DefaultCatalogName;

        var options = new ServerOptions
        {
            Host = values.TryGetValue(ConfigKeys.Host, out ConfigValue? host) ? host.Text.Trim() : "127.0.0.1",
            Port = values.TryGetValue(ConfigKeys.Port, out ConfigValue? port) ? ParsePort(port) : ServerOptions.DefaultPort,
            DataDirectory = dataDirectory,
            MaxRequestBodyBytes = values.TryGetValue(ConfigKeys.MaxRequestBodyBytes, out ConfigValue? max)
                ? ParsePositive(max)
                : ServerOptions.DefaultMaxRequestBodyBytes,
            DefaultCatalog = defaultCatalog,
            Auth = values.TryGetValue(ConfigKeys.Auth, out ConfigValue? auth) ? ParseAuth(auth) : AuthMode.None,
            Metastore = BuildMetastore(values, dataDirectory, workingDirectory),
            Catalogs = BuildCatalogs(catalogEntries, defaultCatalog, workingDirectory),
            Optimizing = BuildOptimizing(values),
            Maintenance = BuildMaintenance(values),
            CacheMegabytes = BuildCaches(values),
        };
        return options;
    }

    private static MetastoreOptions BuildMetastore(Dictionary<string, ConfigValue> values, string dataDirectory, string workingDirectory)
    {
        MetastoreKind kind = MetastoreKind.Sqlite;
        if (values.TryGetValue(ConfigKeys.MetastoreType, out ConfigValue? type))
        {
            kind = type.Text.Trim().ToLowerInvariant() switch
            {
                "sqlite" => MetastoreKind.Sqlite,
                "postgres" or "postgresql" => MetastoreKind.Postgres,
                _ => throw Invalid(type, "is not a metastore type; use sqlite or postgres"),
            };
        }

        if (kind == MetastoreKind.Sqlite)
        {
            string path = values.TryGetValue(ConfigKeys.MetastorePath, out ConfigValue? file)
                ? ResolvePath(file, workingDirectory)
                : Path.Combine(dataDirectory, "floe.db");
            return new MetastoreOptions { Kind = kind, SqlitePath = path, Initialize = Flag(values, ConfigKeys.MetastoreInitialize, false) };
        }

        if (!values.TryGetValue(ConfigKeys.MetastoreConnectionString, out ConfigValue? connection))
        {
            throw new FloeException(
                FloeErrorKind.InvalidArgument,
                $"Configuration: metastore type postgres needs key '{ConfigKeys.MetastoreConnectionString}' (or {ConfigKeys.EnvironmentVariable(ConfigKeys.MetastoreConnectionString)}).");
        }

        return new MetastoreOptions { Kind = kind, ConnectionString = connection.Text.Trim(), Initialize = Flag(values, ConfigKeys.MetastoreInitialize, false) };
    }

    private static List<ExternalCatalogOptions> BuildCatalogs(List<Dictionary<string, ConfigValue>> entries, string defaultCatalog, string workingDirectory)
    {
        var catalogs = new List<ExternalCatalogOptions>(entries.Count);
        foreach (Dictionary<string, ConfigValue> entry in entries)
        {
            string where = entry[string.Empty].Source;
            if (!entry.TryGetValue("name", out ConfigValue? name))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"{where}: a 'catalogs' entry has no 'name'.");
            }

            string catalogName = CheckCatalogName(name);
            string type = entry.TryGetValue("type", out ConfigValue? typeValue) ? typeValue.Text.Trim().ToLowerInvariant() : "filesystem";
            if (type != "filesystem")
            {
                throw Invalid(typeValue!, "is not an external catalog type; Floe serves 'filesystem' warehouses");
            }

            if (!entry.TryGetValue("warehouse", out ConfigValue? warehouse))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument, $"{where}: catalog '{catalogName}' has no 'warehouse' directory.");
            }

            if (catalogName == defaultCatalog)
            {
                throw Invalid(name, $"names the default internal catalog '{defaultCatalog}'; give the external catalog another name");
            }

            if (catalogs.Any(c => c.Name == catalogName))
            {
                throw Invalid(name, "names a catalog that is already listed");
            }

            catalogs.Add(new ExternalCatalogOptions(catalogName, ResolvePath(warehouse, workingDirectory)));
        }

        return catalogs;
    }

    private static bool Flag(Dictionary<string, ConfigValue> values, string key, bool fallback) =>
        values.TryGetValue(key, out ConfigValue? value)
            ? value.Text.Trim().ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => throw Invalid(value, "is not true or false"),
            }
            : fallback;

    private static OptimizingOptions BuildOptimizing(Dictionary<string, ConfigValue> values)
    {
        var defaults = new OptimizingOptions();
        long Number(string key, long fallback, long min) =>
            values.TryGetValue(key, out ConfigValue? value)
                ? long.TryParse(value.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long number) && number >= min
                    ? number
                    : throw Invalid(value, $"is not a whole number of at least {min}")
                : fallback;
        return new OptimizingOptions
        {
            Enabled = Flag(values, ConfigKeys.OptimizingEnabled, defaults.Enabled),
            RefreshIntervalMs = Number(ConfigKeys.OptimizingRefreshInterval, defaults.RefreshIntervalMs, 100),
            CommitRefreshDelayMs = Number(ConfigKeys.OptimizingCommitRefreshDelay, defaults.CommitRefreshDelayMs, 0),
            HeartbeatTimeoutMs = Number(ConfigKeys.OptimizingHeartbeatTimeout, defaults.HeartbeatTimeoutMs, 100),
            HeartbeatIntervalMs = Number(ConfigKeys.OptimizingHeartbeatInterval, defaults.HeartbeatIntervalMs, 10),
            TaskAckTimeoutMs = Number(ConfigKeys.OptimizingAckTimeout, defaults.TaskAckTimeoutMs, 100),
            TaskExecuteTimeoutMs = Number(ConfigKeys.OptimizingExecuteTimeout, defaults.TaskExecuteTimeoutMs, 0),
            PollTimeoutMs = Number(ConfigKeys.OptimizingPollTimeout, defaults.PollTimeoutMs, 0),
            LocalThreads = (int)Math.Min(Number(ConfigKeys.OptimizingLocalThreads, defaults.LocalThreads, 0), 1024),
            MaxInputBytesPerThread = Number(ConfigKeys.OptimizingMaxInputPerThread, defaults.MaxInputBytesPerThread, 1),
            BreakQuotaLimit = Flag(values, ConfigKeys.OptimizingBreakQuotaLimit, defaults.BreakQuotaLimit),
            HistoryKeepMs = Number(ConfigKeys.OptimizingHistoryKeep, defaults.HistoryKeepMs, 0),
        };
    }

    private static MaintenanceOptions BuildMaintenance(Dictionary<string, ConfigValue> values)
    {
        var defaults = new MaintenanceOptions();
        MaintenanceActionOptions Action(string name, MaintenanceActionOptions fallback)
        {
            TimeSpan interval = fallback.Interval;
            if (values.TryGetValue(ConfigKeys.MaintenanceInterval(name), out ConfigValue? text))
            {
                interval = DurationText.TryParse(text.Text.Trim(), out TimeSpan parsed) && parsed >= TimeSpan.FromSeconds(1)
                    ? parsed
                    : throw Invalid(text, "is not an interval of at least one second such as 30s, 10min, 1h or 1d");
            }

            return new MaintenanceActionOptions(Flag(values, ConfigKeys.MaintenanceSwitch(name), fallback.Enabled), interval);
        }

        long workers = defaults.Workers;
        if (values.TryGetValue(ConfigKeys.MaintenanceWorkers, out ConfigValue? count))
        {
            workers = long.TryParse(count.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long parsed) && parsed is >= 1 and <= 64
                ? parsed
                : throw Invalid(count, "is not a number of threads from 1 to 64");
        }

        long keep = defaults.HistoryKeepMs;
        if (values.TryGetValue(ConfigKeys.MaintenanceHistoryKeep, out ConfigValue? keepText))
        {
            keep = long.TryParse(keepText.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long parsed)
                ? parsed
                : throw Invalid(keepText, "is not a whole number of at least 0");
        }

        return new MaintenanceOptions
        {
            Enabled = Flag(values, ConfigKeys.MaintenanceEnabled, defaults.Enabled),
            ExpireSnapshots = Action("expire-snapshots", defaults.ExpireSnapshots),
            CleanOrphanFiles = Action("clean-orphan-files", defaults.CleanOrphanFiles),
            CleanDanglingDeleteFiles = Action("clean-dangling-delete-files", defaults.CleanDanglingDeleteFiles),
            ExpireData = Action("expire-data", defaults.ExpireData),
            AutoCreateTags = Action("auto-create-tags", defaults.AutoCreateTags),
            Workers = (int)workers,
            HistoryKeepMs = keep,
        };
    }

    private static Dictionary<string, long> BuildCaches(Dictionary<string, ConfigValue> values)
    {
        var megabytes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (ConfiguredCache cache in ConfiguredCaches.All)
        {
            if (values.TryGetValue(cache.Key, out ConfigValue? value))
            {
                megabytes[cache.Key] = long.TryParse(value.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long mb) && mb <= ConfiguredCaches.MaxMegabytes
                    ? mb
                    : throw Invalid(value, $"is not a whole number of megabytes from 0 (the cache off) to {ConfiguredCaches.MaxMegabytes}");
            }
        }

        return megabytes;
    }

    private static int ParsePort(ConfigValue value) =>
        int.TryParse(value.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535
            ? port
            : throw Invalid(value, "is not a port number from 0 to 65535");

    private static long ParsePositive(ConfigValue value) =>
        long.TryParse(value.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long number) && number > 0
            ? number
            : throw Invalid(value, "is not a positive whole number of bytes");

    private static AuthMode ParseAuth(ConfigValue value) => value.Text.Trim().ToLowerInvariant() switch
    {
        "none" => AuthMode.None,
        "token" => AuthMode.Token,
        _ => throw Invalid(value, "is not an auth mode; use none or token"),
    };

    private static string CheckCatalogName(ConfigValue value)
    {
        string name = value.Text.Trim();
        return Hosting.CatalogNameRules.IsValid(name)
            ? name
            : throw Invalid(value, "is not a catalog name (letters, digits, '_', '-', '.'; starting with a letter or digit)");
    }

    private static string ResolvePath(ConfigValue value, string workingDirectory)
    {
        try
        {
            return Path.GetFullPath(value.Text.Trim(), workingDirectory);
        }
        catch (ArgumentException ex)
        {
            throw Invalid(value, $"is not a valid path ({ex.Message})");
        }
    }

    private static FloeException Invalid(ConfigValue value, string problem) =>
        new(FloeErrorKind.InvalidArgument, $"Configuration {value.Source}: '{value.Text}' {problem}.");

    private static Dictionary<string, string> ProcessEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && key.StartsWith("FLOE_", StringComparison.Ordinal) && entry.Value is string value)
            {
                environment[key] = value;
            }
        }

        return environment;
    }
}
