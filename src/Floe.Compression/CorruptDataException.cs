using Floe.Common.Errors;

namespace Floe.Compression;

/// <summary>
/// Compressed data that cannot be decoded. The message is the detail only (what is wrong and where in the input);
/// the Avro and Parquet codecs wrap it in their own exception naming the codec and the block or page.
/// </summary>
public sealed class CorruptDataException(string detail) : FloeException(FloeErrorKind.InvalidData, detail);
