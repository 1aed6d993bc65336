using System.Buffers;
using System.IO.Compression;
using Floe.Common.Errors;
using Floe.Parquet.Encodings;

namespace Floe.Parquet.Compression;

/// <summary>The BROTLI codec through System.IO.Compression's span-based encoder and decoder.</summary>
internal sealed class BrotliCompressor(int quality) : ICompressor
{
    /// <summary>Quality used when none is given: a balance of speed and ratio for page-sized inputs.</summary>
    public const int DefaultQuality = 5;

    private const int Window = 22;

    public CompressionCodec Codec => CompressionCodec.Brotli;

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        using var decoder = new BrotliDecoder();
        OperationStatus status = decoder.Decompress(source, destination, out int consumed, out int written);
        if (status == OperationStatus.DestinationTooSmall && destination.IsEmpty)
        {
            // The decoder reports an empty destination as too small even for an empty stream; retry with room.
            using var retry = new BrotliDecoder();
            Span<byte> probe = stackalloc byte[1];
            status = retry.Decompress(source, probe, out consumed, out written);
        }

        switch (status)
        {
            case OperationStatus.Done when written == destination.Length:
                // Like other readers, ignore anything after the end of the stream once the page is complete.
                return;
            case OperationStatus.Done:
                CompressionErrors.SizeMismatch(Codec, written, destination.Length);
                break;
            case OperationStatus.DestinationTooSmall:
                CompressionErrors.SizeMismatch(Codec, -1, destination.Length);
                break;
            case OperationStatus.NeedMoreData:
                CompressionErrors.Corrupt(Codec, $"the stream ends early after {written} of {destination.Length} bytes.");
                break;
            default:
                CompressionErrors.Corrupt(Codec, $"invalid data near input byte {consumed}.");
                break;
        }
    }

    public int Compress(ReadOnlySpan<byte> source, PooledBuffer destination)
    {
        int bound = BrotliEncoder.GetMaxCompressedLength(source.Length);
        Span<byte> span = destination.GetSpan(bound);
        if (!BrotliEncoder.TryCompress(source, span, out int written, quality, Window))
        {
            throw new ParquetException(FloeErrorKind.Unexpected, $"BROTLI could not compress {source.Length} bytes into its bound of {bound}.");
        }

        destination.Advance(written);
        return written;
    }
}
