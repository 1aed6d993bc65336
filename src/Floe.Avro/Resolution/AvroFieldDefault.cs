namespace Floe.Avro.Resolution;

/// <summary>A reader field the writer did not write: it takes the reader's default value.</summary>
public sealed record AvroFieldDefault(int ReaderIndex, object? Value);
