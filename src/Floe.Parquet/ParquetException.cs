using Floe.Common.Errors;

namespace Floe.Parquet;

/// <summary>
/// A Parquet file, page or encoded value stream is malformed or uses something Floe cannot read.
/// The message names what is wrong and where (column, page, offset) so a corrupt file can be located.
/// </summary>
public sealed class ParquetException : FloeException
{
    /// <summary>Reports invalid Parquet data (<see cref="FloeErrorKind.InvalidData"/>).</summary>
    public ParquetException(string message, Exception? inner = null)
        : base(FloeErrorKind.InvalidData, message, inner)
    {
    }

    /// <summary>Reports a Parquet failure of the given kind, e.g. <see cref="FloeErrorKind.Unsupported"/> for LZO.</summary>
    public ParquetException(FloeErrorKind kind, string message, Exception? inner = null)
        : base(kind, message, inner)
    {
    }
}
