using System.IO.Hashing;

namespace Floe.Parquet.Metadata;

/// <summary>
/// The page header's crc: CRC-32 (IEEE 802.3, as zlib and gzip) of the page bytes stored after the header, i.e.
/// after compression, stored as the signed reinterpretation of the unsigned checksum (as parquet-java and Arrow do).
/// </summary>
internal static class PageChecksum
{
    /// <summary>The checksum of a page stored as one run of bytes.</summary>
    public static int Compute(ReadOnlySpan<byte> page) => unchecked((int)Crc32.HashToUInt32(page));

    /// <summary>The checksum of a page stored as <paramref name="first"/> followed by <paramref name="second"/> (v2 levels, then values).</summary>
    public static int Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        if (first.IsEmpty)
        {
            return Compute(second);
        }

        var crc = new Crc32();
        crc.Append(first);
        crc.Append(second);
        return unchecked((int)crc.GetCurrentHashAsUInt32());
    }
}
