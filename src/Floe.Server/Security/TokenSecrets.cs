using System.Security.Cryptography;
using System.Text;

namespace Floe.Server.Security;

/// <summary>Makes token secrets and the hashes the metastore stores in their place.</summary>
public static class TokenSecrets
{
    /// <summary>Every secret starts with this, so that a leaked one is recognisable in logs and scanners.</summary>
    public const string Prefix = "floe_";

    private const int SecretBytes = 32;

    /// <summary>A new secret: the prefix and 256 random bits in URL-safe base64.</summary>
    public static string Generate()
    {
        Span<byte> random = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(random);
        return Prefix + Convert.ToBase64String(random).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The lowercase hex SHA-256 of the secret's UTF-8 bytes.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        int length = Encoding.UTF8.GetByteCount(secret);
        byte[]? rented = length > 256 ? System.Buffers.ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> bytes = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        try
        {
            Encoding.UTF8.GetBytes(secret, bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes, hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
