namespace Floe.Contracts.Optimizer;

/// <summary>The <c>error.type</c>s of the optimizer protocol, which optimizers act on.</summary>
public static class OptimizerErrorTypes
{
    /// <summary>401: the server does not know the optimizer token (it dropped the optimizer or restarted); register again.</summary>
    public const string UnknownOptimizer = "UnknownOptimizer";

    /// <summary>401: the call carries no optimizer token, or one the server never hands out; a client fault registering again does not mend.</summary>
    public const string BadOptimizerToken = "BadOptimizerToken";

    /// <summary>409: the task attempt is no longer this optimizer's; drop it.</summary>
    public const string StaleTask = "StaleTask";

    /// <summary>404 to register: there is no such optimizer group.</summary>
    public const string NoSuchGroup = "NoSuchGroup";
}
