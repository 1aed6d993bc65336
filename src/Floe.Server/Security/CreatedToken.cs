using Floe.Server.Store;

namespace Floe.Server.Security;

/// <summary>A token just made: its record and the secret, which exists nowhere else and is shown once.</summary>
public sealed record CreatedToken(TokenRecord Token, string Secret);
