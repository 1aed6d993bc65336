using Floe.Avro.Binary;

namespace Floe.Avro.Codecs;

/// <summary>No compression.</summary>
public sealed class NullCodec : AvroCodec
{
    public override string Name => "null";

    public override void Compress(ReadOnlySpan<byte> data, AvroBufferWriter output) => output.WriteFixed(data);

    public override void Decompress(ReadOnlySpan<byte> data, AvroBufferWriter output, int maxLength)
    {
        if (data.Length > maxLength)
        {
            throw TooLarge(Name, maxLength);
        }

        output.WriteFixed(data);
    }
}
