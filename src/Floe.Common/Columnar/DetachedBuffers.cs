using System.Buffers;

namespace Floe.Common.Columnar;

/// <summary>
/// The buffers a vector gave up in <see cref="ColumnVector.DetachBuffers"/>, in Arrow's order: the validity bitmap
/// (null while no row is null) and the vector's own value buffers (offsets before data). The receiver owns each
/// buffer and disposes it when done; <see cref="Dispose"/> releases any it did not take.
/// </summary>
public sealed class DetachedBuffers : IDisposable
{
    internal DetachedBuffers(int length, int nullCount, IMemoryOwner<byte>? validity, IMemoryOwner<byte>[] buffers)
    {
        Length = length;
        NullCount = nullCount;
        Validity = validity;
        Buffers = buffers;
    }

    /// <summary>Number of rows the vector held.</summary>
    public int Length { get; }

    public int NullCount { get; }

    /// <summary>Bit i set = row i present, least significant bit first; null when no row is null.</summary>
    public IMemoryOwner<byte>? Validity { get; }

    /// <summary>
    /// The values of a primitive vector; offsets (<see cref="int"/>, Length + 1 of them) then bytes of a binary
    /// vector; the bytes of a fixed-width vector; the offsets of a list or map; nothing for a struct.
    /// </summary>
    public IReadOnlyList<IMemoryOwner<byte>> Buffers { get; }

    public void Dispose()
    {
        Validity?.Dispose();
        foreach (IMemoryOwner<byte> buffer in Buffers)
        {
            buffer.Dispose();
        }
    }
}
