namespace Floe.Core.IO;

/// <summary>A stored file found by listing.</summary>
public sealed record FileEntry(string Location, long Length, DateTimeOffset LastModified);
