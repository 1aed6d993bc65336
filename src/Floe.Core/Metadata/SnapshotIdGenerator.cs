using System.Security.Cryptography;

namespace Floe.Core.Metadata;

/// <summary>
/// New snapshot ids: random, positive and at most 2^53 - 1, so that clients which read JSON numbers as doubles
/// (JavaScript) keep them exact. Callers still check for collisions with existing snapshots.
/// </summary>
public static class SnapshotIdGenerator
{
    public const long MaxId = (1L << 53) - 1;

    public static long NewId()
    {
        Span<byte> bytes = stackalloc byte[8];
        long id;
        do
        {
            RandomNumberGenerator.Fill(bytes);
            id = BitConverter.ToInt64(bytes) & MaxId;
        }
        while (id == 0);

        return id;
    }

    /// <summary>A new id that is not used by any snapshot of <paramref name="metadata"/>.</summary>
    public static long NewId(TableMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        long id;
        do
        {
            id = NewId();
        }
        while (metadata.SnapshotById(id) is not null);

        return id;
    }
}
