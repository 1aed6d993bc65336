namespace Floe.Core.IO;

/// <summary>A file to read.</summary>
public abstract class InputFile
{
    protected InputFile(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        Location = location;
    }

    public string Location { get; }

    /// <summary>The file's length in bytes.</summary>
    /// <exception cref="Common.Errors.FloeException">The file does not exist (kind NotFound).</exception>
    public abstract ValueTask<long> GetLengthAsync(CancellationToken cancellationToken = default);

    public abstract ValueTask<bool> ExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens a seekable read stream.</summary>
    /// <exception cref="Common.Errors.FloeException">The file does not exist (kind NotFound).</exception>
    public abstract ValueTask<Stream> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the whole file.</summary>
    public async ValueTask<byte[]> ReadAllBytesAsync(CancellationToken cancellationToken = default)
    {
        Stream stream = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }

    public override string ToString() => Location;
}
