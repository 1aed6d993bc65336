namespace Floe.Compression.Bench;

/// <summary>One Snappy raw-block implementation under test: Floe.Compression (Snappier's encoder, Floe's decoder) or Snappier alone.</summary>
internal abstract class SnappyCandidate
{
    public abstract string Name { get; }

    public static IReadOnlyList<SnappyCandidate> All() => [new FloeSnappy(), new SnappierSnappy()];

    public abstract int MaxCompressedLength(int length);

    public abstract int Compress(ReadOnlySpan<byte> input, byte[] output);

    public abstract void Decompress(ReadOnlySpan<byte> block, byte[] output);

    public byte[] CompressToArray(byte[] input)
    {
        byte[] output = new byte[MaxCompressedLength(input.Length)];
        return output.AsSpan(0, Compress(input, output)).ToArray();
    }

    public byte[] DecompressToArray(byte[] block, int length)
    {
        byte[] output = new byte[length];
        Decompress(block, output);
        return output;
    }

    private sealed class FloeSnappy : SnappyCandidate
    {
        public override string Name => "floe";

        public override int MaxCompressedLength(int length) => (int)SnappyBlockEncoder.MaxCompressedLength(length);

        public override int Compress(ReadOnlySpan<byte> input, byte[] output) => SnappyBlockEncoder.Compress(input, output);

        public override void Decompress(ReadOnlySpan<byte> block, byte[] output)
        {
            SnappyBlockDecoder.ReadUncompressedLength(block, out int start);
            SnappyBlockDecoder.Decompress(block, start, output);
        }
    }

    private sealed class SnappierSnappy : SnappyCandidate
    {
        public override string Name => "snappier";

        public override int MaxCompressedLength(int length) => Snappier.Snappy.GetMaxCompressedLength(length);

        public override int Compress(ReadOnlySpan<byte> input, byte[] output) => Snappier.Snappy.Compress(input, output);

        public override void Decompress(ReadOnlySpan<byte> block, byte[] output) => Snappier.Snappy.Decompress(block, output);
    }
}
