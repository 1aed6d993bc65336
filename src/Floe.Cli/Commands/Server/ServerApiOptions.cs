using System.CommandLine;
using Floe.Common.Errors;
using Floe.Http.Management;

namespace Floe.Cli.Commands.Server;

/// <summary>The options of verbs that talk to a running server: <c>--server URL</c> and <c>--token SECRET</c> (or <c>FLOE_TOKEN</c>).</summary>
internal sealed class ServerApiOptions
{
    /// <summary>The environment variable holding the bearer secret when <c>--token</c> is not given.</summary>
    public const string TokenVariable = "FLOE_TOKEN";

    private readonly Option<string> _server = new("--server")
    {
        Description = "The server's address.",
        DefaultValueFactory = _ => "http://127.0.0.1:1630",
    };

    private readonly Option<string?> _token = new("--token") { Description = $"A bearer token secret (default: ${TokenVariable}); needed when the server runs with auth: token." };

    public void AddTo(Command command)
    {
        command.Options.Add(_server);
        command.Options.Add(_token);
    }

    public ManagementClient Client(ParseResult parse)
    {
        string server = parse.GetValue(_server)!;
        if (!Uri.TryCreate(server, UriKind.Absolute, out Uri? address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"--server '{server}' is not an http:// or https:// address.");
        }

        return new ManagementClient(address, parse.GetValue(_token) ?? Environment.GetEnvironmentVariable(TokenVariable));
    }
}
