using Floe.Avro.Codecs.Snappy;
using AvroSnappyCompressor = Floe.Avro.Codecs.Snappy.SnappyCompressor;
using Floe.Parquet.Compression;
using Floe.Parquet.Encodings;

namespace Floe.Compression.Bench;

/// <summary>One Snappy raw-block implementation under test.</summary>
internal abstract class SnappyCandidate
{
    public abstract string Name { get; }

    public static IReadOnlyList<SnappyCandidate> All() => [new AvroSnappy(), new ParquetSnappy(), new SnappierSnappy()];

    public abstract int MaxCompressedLength(int length);

    public abstract int Compress(ReadOnlySpan<byte> input, byte[] output);

    public abstract void Decompress(ReadOnlySpan<byte> block, byte[] output);

    public virtual byte[] CompressToArray(byte[] input)
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

    private sealed class AvroSnappy : SnappyCandidate
    {
        public override string Name => "floe-avro";

        public override int MaxCompressedLength(int length) => AvroSnappyCompressor.MaxCompressedLength(length);

        public override int Compress(ReadOnlySpan<byte> input, byte[] output) => AvroSnappyCompressor.Compress(input, output);

        public override void Decompress(ReadOnlySpan<byte> block, byte[] output)
        {
            SnappyDecompressor.GetUncompressedLength(block, out int preamble);
            SnappyDecompressor.Decompress(block[preamble..], output);
        }
    }

    private sealed class ParquetSnappy : SnappyCandidate
    {
        private readonly PooledBuffer _buffer = new(1 << 20);

        public override string Name => "floe-parquet";

        public override int MaxCompressedLength(int length) => (int)SnappyBlockEncoder.MaxCompressedLength(length);

        // The encoder appends to a pooled buffer, which is where a page writer wants the block.
        public override int Compress(ReadOnlySpan<byte> input, byte[] output)
        {
            _buffer.Clear();
            return SnappyBlockEncoder.Compress(input, _buffer);
        }

        public override byte[] CompressToArray(byte[] input)
        {
            _buffer.Clear();
            SnappyBlockEncoder.Compress(input, _buffer);
            return _buffer.WrittenSpan.ToArray();
        }

        public override void Decompress(ReadOnlySpan<byte> block, byte[] output) => SnappyBlockDecoder.Decompress(block, output);
    }

    private sealed class SnappierSnappy : SnappyCandidate
    {
        public override string Name => "snappier";

        public override int MaxCompressedLength(int length) => Snappier.Snappy.GetMaxCompressedLength(length);

        public override int Compress(ReadOnlySpan<byte> input, byte[] output) => Snappier.Snappy.Compress(input, output);

        public override void Decompress(ReadOnlySpan<byte> block, byte[] output) => Snappier.Snappy.Decompress(block, output);
    }
}
