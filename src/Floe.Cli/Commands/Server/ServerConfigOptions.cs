using System.CommandLine;
using Floe.Server.Configuration;
using Floe.Server.Hosting;

namespace Floe.Cli.Commands.Server;

/// <summary>
/// <c>--config</c> and <c>--data-dir</c>: which server configuration, and so which metastore, a verb acts on.
/// The server verb, the token verbs and the catalog verbs read the same options the same way.
/// </summary>
internal sealed class ServerConfigOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "The server configuration file (floe.yaml). Without it the embedded defaults apply, overridden by FLOE_<SECTION>_<KEY> variables.",
    };

    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = "The server's data directory (default ./floe-data); the SQLite metastore lives there.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(DataDirectory);
    }

    public ServerOptions Load(ParseResult parse, int? port = null) =>
        ServerConfigLoader.Load(parse.GetValue(Config), overrides: new ServerOptionOverrides(port, parse.GetValue(DataDirectory)));

    /// <summary>Opens the configured metastore (applying migrations) for a verb that works on it directly.</summary>
    public async Task<(ServerOptions Options, ServerStores Stores)> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        ServerOptions options = Load(parse);
        if (options.Metastore.SqlitePath is string path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        ServerStores stores = await MetastoreStores.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        return (options, stores);
    }
}
