using System.Security.Cryptography;
using Floe.Contracts.Optimizer;

namespace Floe.Server.Optimizing.Registry;

/// <summary>Optimizer tokens: 32 lower-case hex digits of randomness, handed out at register.</summary>
internal static class OptimizerTokens
{
    private const int Length = 32;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    /// <summary>Refuses a missing token or one the server never hands out (<see cref="OptimizerErrorTypes.BadOptimizerToken"/>).</summary>
    public static void Check(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            throw OptimizerFault.BadToken($"The call carries no '{OptimizerProtocol.TokenHeader}' header; register first.");
        }

        if (token.Length != Length || !token.All(char.IsAsciiHexDigitLower))
        {
            throw OptimizerFault.BadToken($"The '{OptimizerProtocol.TokenHeader}' header is not an optimizer token (32 lower-case hex digits); send the token register answered.");
        }
    }
}
