using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Server.Hosting;
using Floe.Server.Rest;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Optimizing.Api;

/// <summary>
/// The optimizer protocol's errors, whose types optimizers act on (<c>UnknownOptimizer</c>: register again;
/// <c>StaleTask</c>: drop the task; <c>NoSuchGroup</c>); every other failure is typed as elsewhere.
/// </summary>
internal sealed class OptimizerProtocolErrors() : ErrorDialect("Floe.Server.Optimizing")
{
    public static OptimizerProtocolErrors Instance { get; } = new();

    public override ValueTask<(int Status, string Type)> ClassifyAsync(HttpContext context, Exception exception) =>
        ValueTask.FromResult(exception switch
        {
            FloeException { Kind: FloeErrorKind.Unauthorized } => (StatusCodes.Status401Unauthorized, OptimizerErrorTypes.UnknownOptimizer),
            FloeException { Kind: FloeErrorKind.CommitConflict } => (StatusCodes.Status409Conflict, OptimizerErrorTypes.StaleTask),
            FloeException { Kind: FloeErrorKind.NotFound } => (StatusCodes.Status404NotFound, OptimizerErrorTypes.NoSuchGroup),
            _ => IcebergErrors.Classify(exception, NotFoundType),
        });
}
