using Floe.Common.Errors;

namespace Floe.Contracts.Optimizer;

/// <summary>
/// A refusal of the optimizer protocol: its <see cref="ErrorType"/> (one of <see cref="OptimizerErrorTypes"/>) is the
/// answer's <c>error.type</c>, which the optimizer acts on; its kind gives the HTTP status.
/// </summary>
public sealed class OptimizerFault : FloeException
{
    private OptimizerFault(FloeErrorKind kind, string errorType, string message)
        : base(kind, message)
    {
        ErrorType = errorType;
    }

    public OptimizerFault()
        : this(FloeErrorKind.Unexpected, "", "An optimizer protocol call was refused.")
    {
    }

    public OptimizerFault(string message)
        : this(FloeErrorKind.Unexpected, "", message)
    {
    }

    public OptimizerFault(string message, Exception innerException)
        : base(FloeErrorKind.Unexpected, message, innerException)
    {
        ErrorType = "";
    }

    /// <summary>The protocol's error type for the answer.</summary>
    public string ErrorType { get; }

    /// <summary>A well-formed token the server does not know (dropped, expired or from before a restart).</summary>
    public static OptimizerFault UnknownOptimizer() =>
        new(FloeErrorKind.Unauthorized, OptimizerErrorTypes.UnknownOptimizer, "This optimizer token is unknown or expired; register again.");

    /// <summary>No token, or not one the server could have handed out.</summary>
    public static OptimizerFault BadToken(string message) => new(FloeErrorKind.Unauthorized, OptimizerErrorTypes.BadOptimizerToken, message);

    /// <summary>The task attempt is no longer the caller's.</summary>
    public static OptimizerFault StaleTask(long processId, int taskId, int attempt) =>
        new(FloeErrorKind.CommitConflict, OptimizerErrorTypes.StaleTask,
            $"Attempt {attempt} of task {taskId} of optimizing process {processId} is no longer this optimizer's; drop it.");

    /// <summary>Register named a group that does not exist.</summary>
    public static OptimizerFault NoSuchGroup(string group) =>
        new(FloeErrorKind.NotFound, OptimizerErrorTypes.NoSuchGroup, $"Optimizer group {group} does not exist; create it first (POST /api/floe/v1/optimizer-groups).");
}
