using Microsoft.Win32.SafeHandles;

namespace Floe.Parquet.Reading;

/// <summary>Reads a local file with positional asynchronous I/O (no shared file pointer, so reads may overlap).</summary>
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

    public async ValueTask ReadExactlyAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (!destination.IsEmpty)
        {
            int read = await RandomAccess.ReadAsync(_handle, destination, offset, cancellationToken).ConfigureAwait(false);
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
