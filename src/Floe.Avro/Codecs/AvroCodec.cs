using Floe.Avro.Binary;

namespace Floe.Avro.Codecs;

/// <summary>A block compression codec of Avro object container files (the header's <c>avro.codec</c>).</summary>
public abstract class AvroCodec
{
    /// <summary>The codec's name in <c>avro.codec</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Appends the compressed form of <paramref name="data"/> to <paramref name="output"/>.</summary>
    public abstract void Compress(ReadOnlySpan<byte> data, AvroBufferWriter output);

    /// <summary>
    /// Appends the decompressed form of <paramref name="data"/> to <paramref name="output"/>.
    /// </summary>
    /// <exception cref="AvroException">The data is corrupt or decompresses to more than <paramref name="maxLength"/> bytes.</exception>
    public abstract void Decompress(ReadOnlySpan<byte> data, AvroBufferWriter output, int maxLength);

    /// <inheritdoc />
    public override string ToString() => Name;

    private protected static AvroException TooLarge(string codec, int maxLength) =>
        new($"{codec} block decompresses to more than the limit of {maxLength} bytes");
}
