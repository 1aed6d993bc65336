using Floe.Parquet.Encodings;

namespace Floe.Parquet.Tests.Encodings;

/// <summary>
/// Random and mutated inputs fed to every decoder: each either decodes or throws <see cref="ParquetException"/>;
/// nothing else (no index, overflow or argument exceptions) may escape.
/// </summary>
public sealed class HostileInputTests
{
    private const int Trials = 400;

    [Fact]
    public void Rle_hybrid_random_and_mutated_streams()
    {
        var random = new Random(1);
        using var valid = new PooledBuffer();
        RleBitPackedHybrid.Encode([.. Enumerable.Range(0, 500).Select(i => i % 7 < 3 ? 5 : i % 8)], 3, valid);
        foreach (byte[] input in Inputs(random, valid.WrittenSpan.ToArray()))
        {
            int width = random.Next(0, 34);
            Survive(() => RleBitPackedHybrid.Decode(input, width, new int[random.Next(0, 600)]));
            Survive(() => RleBitPackedHybrid.DecodeLengthPrefixed(input, width, new int[random.Next(0, 600)]));
            Survive(() => RleBitPackedHybrid.DecodeDictionaryIndices(input, new int[random.Next(0, 600)]));
            Survive(() => RleBitPackedHybrid.DecodeBooleans(input, new bool[random.Next(0, 600)]));
        }
    }

    [Fact]
    public void Plain_random_and_mutated_pages()
    {
        var random = new Random(2);
        using var valid = new PooledBuffer();
        PlainEncoder.EncodeByteArrays([0, 3, 3, 10, 20], new byte[20], valid);
        foreach (byte[] input in Inputs(random, valid.WrittenSpan.ToArray()))
        {
            int count = random.Next(0, 10);
            Survive(() => PlainDecoder.MeasureByteArrays(input, count));
            Survive(() => PlainDecoder.DecodeByteArrays(input, new int[count], new byte[input.Length]));
            Survive(() => PlainDecoder.DecodeBooleans(input, new bool[random.Next(0, 200)]));
            Survive(() => PlainDecoder.DecodeFixed<long>(input, new long[random.Next(0, 10)]));
            Survive(() => PlainDecoder.DecodeFixedLenByteArrays(input, random.Next(-1, 20), count, new byte[input.Length]));
            Survive(() => Int96Timestamp.DecodeToUnixNanos(input, new long[random.Next(0, 4)]));
            Survive(() => Int96Timestamp.DecodeToUnixMicros(input, new long[random.Next(0, 4)]));
        }
    }

    [Fact]
    public void Delta_random_and_mutated_streams()
    {
        var random = new Random(3);
        using var valid = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt64([.. Enumerable.Range(0, 300).Select(i => (long)i * i * 1000 - 77)], valid);
        using var strings = new PooledBuffer();
        (int[] offsets, byte[] bytes) = PlainTests.Columnar(["alpha", "alphabet", "alps", "beta", "", "bet"]);
        DeltaByteArray.Encode(offsets, bytes, strings);
        using var lengths = new PooledBuffer();
        DeltaLengthByteArray.Encode(offsets, bytes, lengths);
        foreach (byte[] seed in new[] { valid.WrittenSpan.ToArray(), strings.WrittenSpan.ToArray(), lengths.WrittenSpan.ToArray() })
        {
            foreach (byte[] input in Inputs(random, seed))
            {
                Survive(() => DeltaBinaryPacked.DecodeInt32(input, new int[random.Next(0, 400)], out _));
                Survive(() => DeltaBinaryPacked.DecodeInt64(input, new long[random.Next(0, 400)], out _));
                Survive(() => DeltaBinaryPacked.ReadValueCount(input));
                int count = random.Next(0, 8);
                Survive(() => DeltaLengthByteArray.Decode(input, new int[count], new byte[input.Length]));
                Survive(() =>
                {
                    long size = DeltaByteArray.MeasureValueBytes(input, count);
                    DeltaByteArray.Decode(input, new int[count], new byte[size]);
                });
            }
        }
    }

    [Fact]
    public void Byte_stream_split_and_gather_random_inputs()
    {
        var random = new Random(4);
        for (int trial = 0; trial < Trials; trial++)
        {
            byte[] input = new byte[random.Next(0, 64)];
            random.NextBytes(input);
            int width = random.Next(-1, 10);
            int count = random.Next(-2, 20);
            Survive(() => ByteStreamSplit.Decode(input, width, count, new byte[Math.Max(0, count * Math.Max(width, 0))]));
            Survive(() => ByteStreamSplit.Decode<double>(input, new double[Math.Max(0, count)]));
            int[] indices = [.. Enumerable.Range(0, random.Next(0, 20)).Select(_ => random.Next(-3, 12))];
            Survive(() => DictionaryGather.Gather<int>(new int[10], indices, new int[indices.Length]));
            Survive(() => DictionaryGather.GatherFixedLength(new byte[40], 4, indices, new byte[indices.Length * 4]));
            Survive(() => DictionaryGather.MeasureByteArrays([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], indices));
            Survive(() => DictionaryGather.GatherByteArrays([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], new byte[10], indices, new int[indices.Length], new byte[indices.Length]));
        }
    }

    private static IEnumerable<byte[]> Inputs(Random random, byte[] valid)
    {
        for (int trial = 0; trial < Trials; trial++)
        {
            byte[] input;
            switch (trial % 3)
            {
                case 0:
                    input = new byte[random.Next(0, 40)];
                    random.NextBytes(input);
                    break;
                case 1:
                    input = (byte[])valid.Clone();
                    for (int k = random.Next(1, 4); k > 0; k--)
                    {
                        input[random.Next(input.Length)] = (byte)random.Next(256);
                    }

                    break;
                default:
                    input = valid.AsSpan(0, random.Next(valid.Length)).ToArray();
                    break;
            }

            yield return input;
        }
    }

    private static void Survive(Action decode)
    {
        try
        {
            decode();
        }
        catch (ParquetException)
        {
        }
    }

    private static void Survive(Func<long> decode) => Survive(() => { decode(); });
}
