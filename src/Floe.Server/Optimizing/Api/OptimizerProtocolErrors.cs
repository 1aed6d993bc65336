using Floe.Contracts.Optimizer;
using Floe.Server.Hosting;
using Floe.Server.Rest;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Optimizing.Api;

/// <summary>
/// The optimizer protocol's errors: an <see cref="OptimizerFault"/> carries the type optimizers act on
/// (<c>UnknownOptimizer</c>: register again; <c>BadOptimizerToken</c>; <c>StaleTask</c>: drop the task;
/// <c>NoSuchGroup</c>); every other failure is typed as elsewhere.
/// </summary>
internal sealed class OptimizerProtocolErrors() : ErrorDialect("Floe.Server.Optimizing")
{
    public static OptimizerProtocolErrors Instance { get; } = new();

    public override ValueTask<(int Status, string Type)> ClassifyAsync(HttpContext context, Exception exception) =>
        ValueTask.FromResult(exception switch
        {
            OptimizerFault fault => (IcebergErrors.Classify(fault, NotFoundType).Status, fault.ErrorType),
            _ => IcebergErrors.Classify(exception, NotFoundType),
        });
}
