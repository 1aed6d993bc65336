using System.CommandLine;
using System.Globalization;
using Floe.Cli.Commands.Server;
using Floe.Cli.Output;
using Floe.Server.Security;
using Floe.Server.Store;

namespace Floe.Cli.Commands;

/// <summary><c>floe token create|list|revoke</c>: the server's bearer tokens, straight in its metastore.</summary>
public static class TokenCommands
{
    public static Command Create()
    {
        var group = new Command("token", "Create, list and revoke the server's bearer tokens (in the metastore of --config / --data-dir).");
        group.Subcommands.Add(CreateToken());
        group.Subcommands.Add(List());
        group.Subcommands.Add(Revoke());
        return group;
    }

    private static Command CreateToken()
    {
        var config = new ServerConfigOptions();
        var name = new Option<string>("--name") { Description = "The token's name.", Required = true };
        var admin = new Option<bool>("--admin") { Description = "Grant everything: every catalog, catalog and token management." };
        var catalogs = new Option<string[]>("--catalog")
        {
            Description = "A catalog the token may use (repeat for several). Without --admin and --catalog it may use every catalog.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("create", "Create a token and print its secret once (only its SHA-256 hash is stored).") { name, admin, catalogs };
        config.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            var (_, stores) = await config.OpenAsync(parse, ct).ConfigureAwait(false);
            await using (stores.ConfigureAwait(false))
            {
                var tokens = new TokenService(stores.Tokens);
                CreatedToken created = await tokens.CreateAsync(parse.GetValue(name)!, parse.GetValue(admin), parse.GetValue(catalogs), ct).ConfigureAwait(false);
                await context.Output.WriteLineAsync(created.Secret).ConfigureAwait(false);
                await context.Error.WriteLineAsync(
                    $"Token '{created.Token.Name}' created ({Grants(created.Token)}). Keep the secret above now: it is not shown again.").ConfigureAwait(false);
            }
        });
        return command;
    }

    private static Command List()
    {
        var config = new ServerConfigOptions();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("list", "List the tokens (never their secrets).") { format };
        config.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            var (_, stores) = await config.OpenAsync(parse, ct).ConfigureAwait(false);
            await using (stores.ConfigureAwait(false))
            {
                IReadOnlyList<TokenRecord> tokens = await new TokenService(stores.Tokens).ListAsync(ct).ConfigureAwait(false);
                string[] header = ["name", "grants", "created_at", "revoked"];
                IEnumerable<IReadOnlyList<string>> rows = tokens.Select(t => (IReadOnlyList<string>)
                [
                    t.Name, Grants(t),
                    DateTimeOffset.FromUnixTimeMilliseconds(t.CreatedMs).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    t.Revoked ? "true" : "false",
                ]);
                await RowOutput.WriteAsync(context.Output, parse.GetValue(format), header, rows).ConfigureAwait(false);
            }
        });
        return command;
    }

    private static Command Revoke()
    {
        var config = new ServerConfigOptions();
        var name = new Argument<string>("name") { Description = "The token to revoke." };
        var command = new Command("revoke", "Revoke a token: requests carrying it are refused from now on.") { name };
        config.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            var (_, stores) = await config.OpenAsync(parse, ct).ConfigureAwait(false);
            await using (stores.ConfigureAwait(false))
            {
                string token = parse.GetValue(name)!;
                await new TokenService(stores.Tokens).RevokeAsync(token, ct).ConfigureAwait(false);
                await context.Output.WriteLineAsync($"Token '{token}' revoked.").ConfigureAwait(false);
            }
        });
        return command;
    }

    private static string Grants(TokenRecord token) =>
        token.IsAdmin ? "admin" : token.Catalogs is null ? "all catalogs" : "catalogs " + string.Join(", ", token.Catalogs);
}
