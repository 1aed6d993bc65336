namespace Floe.Contracts.Optimizer;

/// <summary>The <c>error.type</c>s of the optimizer protocol, which optimizers act on.</summary>
public static class OptimizerErrorTypes
{
    /// <summary>401: the server does not know the optimizer token; register again.</summary>
    public const string UnknownOptimizer = "UnknownOptimizer";

    /// <summary>409: the task attempt is no longer this optimizer's; drop it.</summary>
    public const string StaleTask = "StaleTask";

    /// <summary>404 to register: there is no such optimizer group.</summary>
    public const string NoSuchGroup = "NoSuchGroup";
}
