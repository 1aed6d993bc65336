using System.CommandLine;

namespace Floe.Cli.Commands;

/// <summary>The verb groups of the <c>floe</c> command, in the order <c>--help</c> lists them.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> CreateGroups()
    {
        yield return AvroCommands.Create();
        yield return ParquetCommands.Create();
        yield return TableCommands.Create();
        yield return ServerCommands.Create();
        yield return OptimizerCommands.Create();
        yield return CatalogCommands.Create();
        yield return TokenCommands.Create();
        yield return OptimizingCommands.Create();
        yield return MaintenanceCommands.Create();
    }
}
