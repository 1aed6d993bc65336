using Floe.Server.Configuration;
using Floe.Server.Optimizing.Registry;
using Floe.Server.Optimizing.Runtime;
using Floe.Server.Store;
using Microsoft.Extensions.Logging;

namespace Floe.Server.Optimizing;

/// <summary>What the parts of the optimizing service share: the store, the tables, the options, the clock, the log, background work, the optimizer registry and the table runtimes.</summary>
internal sealed class OptimizingContext(
    OptimizingStore store, ITableSource tables, OptimizingOptions options, TimeProvider clock, ILogger log, BackgroundWork background)
{
    public OptimizingStore Store { get; } = store;

    public ITableSource Tables { get; } = tables;

    public OptimizingOptions Options { get; } = options;

    public TimeProvider Clock { get; } = clock;

    public ILogger Log { get; } = log;

    public BackgroundWork Background { get; } = background;

    public OptimizerRegistry Registry { get; } = new(clock, log);

    public TableRuntimes Runtimes { get; } = new(store, clock);

    /// <summary>The per-table guards the commit shares with maintenance.</summary>
    public TableGuards Guards { get; } = new();

    public long NowMs() => Clock.GetUtcNow().ToUnixTimeMilliseconds();
}
