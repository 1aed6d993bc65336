namespace Floe.Avro.Container;

/// <summary>One decompressed block of a container file; <see cref="Data"/> is valid until the next block is read.</summary>
public readonly record struct AvroContainerBlock(long Index, long FileOffset, long RecordCount, ReadOnlyMemory<byte> Data);
