using System.Buffers;

namespace Floe.Parquet.Encodings;

/// <summary>
/// The arrays behind <see cref="PooledBuffer"/>. A writer of many small files at once (a primary-key table's change
/// files: eight files of seven columns, each column holding its encoded pages and its open page) rents more buffers of
/// one size than the shared pool keeps per processor; the rest were allocated and dropped file after file, hundreds of
/// megabytes per hundred commits, and drove full collections. Arrays up to <see cref="LargestKept"/> bytes come from a
/// pool that keeps up to <see cref="ArraysPerSize"/> of each size; larger ones from the shared pool.
/// </summary>
internal static class PageBufferPool
{
    /// <summary>Arrays kept per size.</summary>
    public const int ArraysPerSize = 256;

    /// <summary>The largest array this pool keeps (at most 256 of each power-of-two size up to it: 128 MiB in all).</summary>
    public const int LargestKept = 256 * 1024;

    private static readonly ArrayPool<byte> Small = ArrayPool<byte>.Create(LargestKept, ArraysPerSize);

    public static byte[] Rent(int minimumLength) =>
        minimumLength <= LargestKept ? Small.Rent(minimumLength) : ArrayPool<byte>.Shared.Rent(minimumLength);

    public static void Return(byte[] array)
    {
        // The small pool hands out power-of-two lengths up to LargestKept, so the length tells where an array came from.
        if (array.Length <= LargestKept)
        {
            Small.Return(array);
        }
        else
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
