namespace Floe.Core.IO;

/// <summary>A local file to write, through a temporary file renamed into place on dispose.</summary>
public sealed class LocalOutputFile : OutputFile
{
    public LocalOutputFile(string location, string path)
        : base(location)
    {
        Path = path;
    }

    /// <summary>The local path.</summary>
    public string Path { get; }

    public override ValueTask<Stream> CreateAsync(CancellationToken cancellationToken = default)
    {
        if (File.Exists(Path))
        {
            throw AtomicFileStream.AlreadyExists(Location);
        }

        return ValueTask.FromResult<Stream>(AtomicFileStream.Open(Location, Path, overwrite: false));
    }

    public override ValueTask<Stream> CreateOrOverwriteAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<Stream>(AtomicFileStream.Open(Location, Path, overwrite: true));

    public override InputFile ToInputFile() => new LocalInputFile(Location, Path);
}
