namespace Floe.Parquet.Reading;

/// <summary>Positional reads from a file or seekable stream of known length.</summary>
internal interface IRandomAccessSource : IAsyncDisposable, IDisposable
{
    long Length { get; }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/>; throws when the data ends early.</summary>
    ValueTask ReadExactlyAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken);
}
