namespace Floe.Contracts.Optimizer;

/// <summary>Where the optimizer protocol lives (<c>docs/optimizer-protocol.md</c>).</summary>
public static class OptimizerProtocol
{
    /// <summary>The path of the calls under the server's base URL.</summary>
    public const string BasePath = "/api/optimizer/v1";

    /// <summary>The header carrying the token <c>register</c> returned.</summary>
    public const string TokenHeader = "Floe-Optimizer-Token";
}
