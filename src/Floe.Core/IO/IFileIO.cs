namespace Floe.Core.IO;

/// <summary>
/// Storage for table files, addressed by location strings (URIs such as <c>s3://bucket/key</c> or local paths).
/// Implementations must make <see cref="OutputFile.CreateAsync"/> atomic and exclusive: a reader never sees a
/// half-written file, and two creators of one location cannot both succeed.
/// </summary>
public interface IFileIO
{
    InputFile NewInputFile(string location);

    OutputFile NewOutputFile(string location);

    ValueTask<bool> ExistsAsync(string location, CancellationToken cancellationToken = default);

    /// <summary>Deletes a file; deleting a missing file is not an error.</summary>
    ValueTask DeleteAsync(string location, CancellationToken cancellationToken = default);

    /// <summary>Every file whose location starts with <paramref name="prefix"/>, in no particular order.</summary>
    IAsyncEnumerable<FileEntry> ListPrefixAsync(string prefix, CancellationToken cancellationToken = default);
}
