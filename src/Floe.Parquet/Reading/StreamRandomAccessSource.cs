using Microsoft.Win32.SafeHandles;

namespace Floe.Parquet.Reading;

/// <summary>
/// Reads a seekable stream; reads are serialised because a stream has one position. A local file's stream is read
/// positionally and synchronously instead: a read the page cache holds costs microseconds, less than handing it to
/// the thread pool and back (which is what an asynchronous file read on Unix does).
/// </summary>
internal sealed class StreamRandomAccessSource : IRandomAccessSource
{
    private readonly Stream _stream;
    private readonly SafeFileHandle? _file;
    private readonly bool _leaveOpen;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public StreamRandomAccessSource(Stream stream, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("Parquet needs a readable, seekable stream.", nameof(stream));
        }

        _stream = stream;
        _leaveOpen = leaveOpen;
        Length = stream.Length;
        _file = stream is FileStream file ? file.SafeFileHandle : null;
    }

    public long Length { get; }

    public ValueTask ReadExactlyAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_file is null)
        {
            return ReadStreamAsync(offset, destination, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        FileRandomAccessSource.ReadExactly(_file, offset, destination.Span);
        return ValueTask.CompletedTask;
    }

    private async ValueTask ReadStreamAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stream.Position = offset;
            try
            {
                await _stream.ReadExactlyAsync(destination, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException ex)
            {
                throw new ParquetException($"The stream ended before byte {offset + destination.Length}.", ex);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _gate.Dispose();
        if (!_leaveOpen)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }
}
