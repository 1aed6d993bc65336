namespace Floe.Core.IO;

/// <summary>A file to write. Content becomes visible only when the returned stream is disposed.</summary>
public abstract class OutputFile
{
    protected OutputFile(string location)
    {
        ArgumentException.ThrowIfNullOrEmpty(location);
        Location = location;
    }

    public string Location { get; }

    /// <summary>
    /// Opens a stream for a new file. Fails if the file exists, and again on dispose if another writer created it
    /// meanwhile (kind AlreadyExists): the create is atomic and never replaces a file.
    /// </summary>
    public abstract ValueTask<Stream> CreateAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens a stream that atomically replaces the file (or creates it) on dispose.</summary>
    public abstract ValueTask<Stream> CreateOrOverwriteAsync(CancellationToken cancellationToken = default);

    /// <summary>The same location, for reading back.</summary>
    public abstract InputFile ToInputFile();

    public override string ToString() => Location;
}
