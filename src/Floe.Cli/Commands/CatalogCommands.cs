using System.CommandLine;
using Floe.Cli.Commands.Server;
using Floe.Cli.Output;
using Floe.Server.Catalogs;
using Floe.Server.Configuration;
using Floe.Server.Hosting;

namespace Floe.Cli.Commands;

/// <summary><c>floe catalog create|list|drop</c>: the server's catalogs, straight in its metastore.</summary>
public static class CatalogCommands
{
    public static Command Create()
    {
        var group = new Command("catalog", "Create, list and drop the server's internal catalogs (in the metastore of --config / --data-dir).");
        group.Subcommands.Add(CreateCatalog());
        group.Subcommands.Add(List());
        group.Subcommands.Add(Drop());
        return group;
    }

    private static async Task WithRegistryAsync(ServerConfigOptions config, ParseResult parse, Func<ServerOptions, ServerCatalogRegistry, Task> work, CancellationToken ct)
    {
        var (options, stores) = await config.OpenAsync(parse, ct).ConfigureAwait(false);
        await using (stores.ConfigureAwait(false))
        {
            await work(options, new ServerCatalogRegistry(stores.Catalogs, options.Catalogs, options.DefaultCatalog)).ConfigureAwait(false);
        }
    }

    private static Command CreateCatalog()
    {
        var config = new ServerConfigOptions();
        var name = new Argument<string>("name") { Description = "The catalog's name: the REST prefix and warehouse value clients use." };
        var warehouse = new Option<string?>("--warehouse") { Description = "Where its tables live (default <data dir>/warehouse/<name>)." };
        var command = new Command("create", "Create an internal catalog.") { name, warehouse };
        config.AddTo(command);
        command.SetHandler((parse, context, ct) => WithRegistryAsync(config, parse, async (options, registry) =>
        {
            string catalog = CatalogNameRules.Check(parse.GetValue(name));
            string location = parse.GetValue(warehouse) is string given ? Path.GetFullPath(given) : options.DefaultWarehouseFor(catalog);
            CatalogDescriptor created = await registry.CreateInternalAsync(catalog, location, cancellationToken: ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Catalog '{created.Name}' created; warehouse {created.Warehouse}").ConfigureAwait(false);
        }, ct));
        return command;
    }

    private static Command List()
    {
        var config = new ServerConfigOptions();
        Option<OutputFormat> format = CommonOptions.Format();
        var command = new Command("list", "List the catalogs: internal ones from the metastore and external ones from the configuration.") { format };
        config.AddTo(command);
        command.SetHandler((parse, context, ct) => WithRegistryAsync(config, parse, async (_, registry) =>
        {
            IReadOnlyList<CatalogDescriptor> catalogs = await registry.ListAsync(ct).ConfigureAwait(false);
            string[] header = ["name", "kind", "warehouse", "default"];
            IEnumerable<IReadOnlyList<string>> rows = catalogs.Select(c => (IReadOnlyList<string>)
            [
                c.Name, c.Kind == CatalogKind.Internal ? "internal" : "filesystem", c.Warehouse, c.Name == registry.DefaultCatalogName ? "true" : "false",
            ]);
            await RowOutput.WriteAsync(context.Output, parse.GetValue(format), header, rows).ConfigureAwait(false);
        }, ct));
        return command;
    }

    private static Command Drop()
    {
        var config = new ServerConfigOptions();
        var name = new Argument<string>("name") { Description = "The internal catalog to drop; it must hold no namespaces." };
        var command = new Command("drop", "Drop an empty internal catalog (its warehouse files stay).") { name };
        config.AddTo(command);
        command.SetHandler((parse, context, ct) => WithRegistryAsync(config, parse, async (_, registry) =>
        {
            string catalog = parse.GetValue(name)!;
            await registry.DropInternalAsync(catalog, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Catalog '{catalog}' dropped.").ConfigureAwait(false);
        }, ct));
        return command;
    }
}
