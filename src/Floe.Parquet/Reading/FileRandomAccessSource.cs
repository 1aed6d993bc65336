using Microsoft.Win32.SafeHandles;

namespace Floe.Parquet.Reading;

/// <summary>
/// Reads a local file with positional I/O (no shared file pointer, so reads may overlap). Reads are synchronous: one
/// the page cache holds costs microseconds, less than handing it to the thread pool and back.
/// </summary>
internal sealed class FileRandomAccessSource : IRandomAccessSource
{
    private readonly SafeFileHandle _handle;

    public FileRandomAccessSource(string path)
    {
        try
        {
            _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous | FileOptions.RandomAccess);
        }
        catch (FileNotFoundException ex)
        {
            throw new ParquetException(Common.Errors.FloeErrorKind.NotFound, $"Parquet file '{path}' does not exist.", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new ParquetException(Common.Errors.FloeErrorKind.NotFound, $"Parquet file '{path}' does not exist.", ex);
        }

        Length = RandomAccess.GetLength(_handle);
    }

    public long Length { get; }

    public ValueTask ReadExactlyAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ReadExactly(_handle, offset, destination.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/> of a local file; throws when the file ends early.</summary>
    internal static void ReadExactly(SafeFileHandle handle, long offset, Span<byte> destination)
    {
        while (!destination.IsEmpty)
        {
            int read = RandomAccess.Read(handle, destination, offset);
            if (read == 0)
            {
                throw new ParquetException($"The file ended at byte {offset} while {destination.Length} more bytes were expected.");
            }

            offset += read;
            destination = destination[read..];
        }
    }

    public void Dispose() => _handle.Dispose();

    public ValueTask DisposeAsync()
    {
        _handle.Dispose();
        return ValueTask.CompletedTask;
    }
}
