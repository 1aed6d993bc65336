using Floe.Common.Errors;
using Floe.Contracts.Optimizer;
using Floe.Http;

namespace Floe.Optimizer.Protocol;

/// <summary>
/// A call of the optimizer protocol that failed: the server answered an error, or no answer came (a network error
/// or a timeout; <see cref="StatusCode"/> is null). The worker decides from <see cref="IsUnknownOptimizer"/>,
/// <see cref="IsStaleTask"/> and <see cref="IsTransient"/> whether to register again, drop the task or retry.
/// </summary>
public sealed class OptimizerProtocolException : FloeException
{
    public const string UnknownOptimizerType = OptimizerErrorTypes.UnknownOptimizer;
    public const string StaleTaskType = OptimizerErrorTypes.StaleTask;

    public OptimizerProtocolException(FloeErrorKind kind, string message, string call, int? statusCode, string? errorType, Exception? innerException = null)
        : base(kind, message, innerException)
    {
        Call = call;
        StatusCode = statusCode;
        ErrorType = errorType;
    }

    public OptimizerProtocolException()
        : this(FloeErrorKind.Unexpected, "An optimizer protocol call failed.", "", null, null)
    {
    }

    public OptimizerProtocolException(string message)
        : this(FloeErrorKind.Unexpected, message, "", null, null)
    {
    }

    public OptimizerProtocolException(string message, Exception innerException)
        : this(FloeErrorKind.Unexpected, message, "", null, null, innerException)
    {
    }

    /// <summary>The call that failed: <c>register</c>, <c>heartbeat</c>, <c>poll</c>, <c>ack</c>, <c>complete</c> or <c>unregister</c>.</summary>
    public string Call { get; }

    /// <summary>The HTTP status of the answer; null when none came.</summary>
    public int? StatusCode { get; }

    /// <summary>The <c>error.type</c> of the answer, when it had one.</summary>
    public string? ErrorType { get; }

    /// <summary>The server does not know this optimizer's token (it dropped the optimizer or restarted): register again.</summary>
    public bool IsUnknownOptimizer => StatusCode is not null && Kind == FloeErrorKind.Unauthorized && ErrorType == UnknownOptimizerType;

    /// <summary>
    /// The call carried no token, or one the server never hands out: a fault of this client that registering again
    /// does not mend (unlike <see cref="IsUnknownOptimizer"/>), nor a refused bearer token.
    /// </summary>
    public bool IsBadToken => StatusCode is not null && Kind == FloeErrorKind.Unauthorized && ErrorType == OptimizerErrorTypes.BadOptimizerToken;

    /// <summary>The task attempt is no longer this optimizer's: drop it. Conflict has no other meaning in the protocol.</summary>
    public bool IsStaleTask => StatusCode is not null && Kind == FloeErrorKind.CommitConflict;

    /// <summary>No answer, a server error or an explicit "try later": the same call may succeed when repeated.</summary>
    public bool IsTransient => StatusCode is not { } status || HttpErrorTable.IsTransient(status);
}
