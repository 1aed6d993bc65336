namespace Floe.Avro.Container;

/// <summary>Limits and settings of an <see cref="AvroContainerReader"/>.</summary>
public sealed record AvroContainerReaderOptions
{
    /// <summary>The largest block (compressed or decompressed) accepted, in bytes (default 256 MiB).</summary>
    public int MaxBlockSize { get; init; } = 256 * 1024 * 1024;

    /// <summary>The largest header accepted, in bytes (default 16 MiB).</summary>
    public int MaxHeaderSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Leave the stream open when the reader is disposed.</summary>
    public bool LeaveOpen { get; init; }
}
