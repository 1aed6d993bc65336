using System.Diagnostics;
using System.Text;
using Floe.Common.Text;
using Floe.Parquet.Compression;
using Floe.Parquet.Encodings;
using PageChecksum = Floe.Parquet.Metadata.PageChecksum;

namespace Floe.Parquet.Bench.Codecs;

/// <summary>
/// Single-thread throughput of the encoding and compression hot paths, in MB/s of decoded (uncompressed) bytes per
/// second of CPU time, next to a memcpy of the same size as the ceiling.
/// </summary>
public static class CodecBenchmark
{
    private const int Values = 1 << 20;

    public static int Run(TextWriter output, double secondsPerCase = 0.3, string? filter = null)
    {
        var random = new Random(42);
        var rows = new List<(string Name, double MBps)>();
        void Measure(string name, long bytesPerOp, Action op)
        {
            if (filter is null || name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                rows.Add((name, Time(bytesPerOp, op, secondsPerCase)));
            }
        }


        byte[] memSrc = new byte[Values * 8];
        random.NextBytes(memSrc);
        byte[] memDst = new byte[memSrc.Length];
        Measure("memcpy 8 MiB (reference)", memSrc.Length, () => memSrc.AsSpan().CopyTo(memDst));
        Measure("page CRC-32, 8 MiB", memSrc.Length, () => PageChecksum.Compute(memSrc));

        int[] decoded = new int[Values];
        using var rle = new PooledBuffer();
        int[] levels = new int[Values];
        for (int i = 0; i < Values; i++)
        {
            levels[i] = random.Next(10) == 0 ? 0 : 1;
        }

        RleBitPackedHybrid.Encode(levels, 1, rle);
        Measure("RLE hybrid decode, width 1 (levels, 10% nulls), int32 out", Values * 4L, () => RleBitPackedHybrid.Decode(rle.WrittenSpan, 1, decoded));
        Measure("RLE hybrid encode, width 1 (levels, 10% nulls), int32 in", Values * 4L, () =>
        {
            rle.Clear();
            RleBitPackedHybrid.Encode(levels, 1, rle);
        });
        int[] allPresent = new int[Values];
        allPresent.AsSpan().Fill(1);
        using var allPresentRle = new PooledBuffer();
        Measure("RLE hybrid encode, width 1 (levels, no nulls), int32 in", Values * 4L, () =>
        {
            allPresentRle.Clear();
            RleBitPackedHybrid.Encode(allPresent, 1, allPresentRle);
        });

        foreach (int width in new[] { 8, 17 })
        {
            int[] indices = new int[Values];
            for (int i = 0; i < Values; i++)
            {
                indices[i] = random.Next(1 << width);
            }

            var packed = new PooledBuffer();
            RleBitPackedHybrid.Encode(indices, width, packed);
            Measure($"RLE hybrid decode, width {width} (bit-packed), int32 out", Values * 4L, () => RleBitPackedHybrid.Decode(packed.WrittenSpan, width, decoded));
            Measure($"RLE hybrid encode, width {width}, int32 in", Values * 4L, () =>
            {
                packed.Clear();
                RleBitPackedHybrid.Encode(indices, width, packed);
            });
        }

        long[] dictionary = new long[4096];
        for (int i = 0; i < dictionary.Length; i++)
        {
            dictionary[i] = random.NextInt64();
        }

        int[] dictIndices = new int[Values];
        for (int i = 0; i < Values; i++)
        {
            dictIndices[i] = random.Next(dictionary.Length);
        }

        long[] gathered = new long[Values];
        DictionaryGather.Gather<long>(dictionary, dictIndices, gathered);
        Measure("dictionary gather int64", Values * 8L, () => DictionaryGather.Gather<long>(dictionary, dictIndices, gathered));

        string[] words = [.. Enumerable.Range(0, 4096).Select(i => "value-" + i * 7919)];
        int[] wordOffsets = new int[words.Length + 1];
        byte[] wordBytes = Encoding.UTF8.GetBytes(string.Concat(words));
        for (int i = 0; i < words.Length; i++)
        {
            wordOffsets[i + 1] = wordOffsets[i] + words[i].Length;
        }

        long stringBytes = DictionaryGather.MeasureByteArrays(wordOffsets, dictIndices);
        int[] ends = new int[Values];
        byte[] stringOut = new byte[stringBytes];
        DictionaryGather.GatherByteArrays(wordOffsets, wordBytes, dictIndices, ends, stringOut);
        Measure("dictionary gather strings (offsets + bytes)", stringBytes + Values * 4L, () =>
            DictionaryGather.GatherByteArrays(wordOffsets, wordBytes, dictIndices, ends, stringOut));

        // The same strings as a page of PLAIN, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY values.
        int[] pageOffsets = new int[ends.Length + 1];
        ends.CopyTo(pageOffsets.AsSpan(1));
        using var plainStrings = new PooledBuffer();
        PlainEncoder.EncodeByteArrays(pageOffsets, stringOut, plainStrings);
        Measure("PLAIN BYTE_ARRAY decode (measure + decode)", stringBytes + Values * 4L, () =>
        {
            PlainDecoder.MeasureByteArrays(plainStrings.WrittenSpan, Values);
            PlainDecoder.DecodeByteArrays(plainStrings.WrittenSpan, ends, stringOut);
        });
        // What reading a text column adds to the decode above: the UTF-8 check of the decoded values.
        Measure("UTF-8 check of the decoded strings (ASCII)", stringBytes + Values * 4L, () => Utf8Values.FindInvalid(stringOut, ends, 0));
        string[] accentedWords = [.. Enumerable.Range(0, Values).Select(i => i % 3 == 0 ? "café-" + (i % 97) : "日本-" + (i % 89))];
        byte[] accented = Encoding.UTF8.GetBytes(string.Concat(accentedWords));
        int[] accentedEnds = new int[Values];
        for (int i = 0, end = 0; i < Values; i++)
        {
            end += Encoding.UTF8.GetByteCount(accentedWords[i]);
            accentedEnds[i] = end;
        }

        Measure("UTF-8 check of the decoded strings (multibyte)", accented.Length + Values * 4L, () => Utf8Values.FindInvalid(accented, accentedEnds, 0));
        using var dlba = new PooledBuffer();
        DeltaLengthByteArray.Encode(pageOffsets, stringOut, dlba);
        Measure("DELTA_LENGTH_BYTE_ARRAY decode", stringBytes + Values * 4L, () => DeltaLengthByteArray.Decode(dlba.WrittenSpan, ends, stringOut));
        string[] sorted = [.. words.Order(StringComparer.Ordinal)];
        byte[] sortedBytes = Encoding.UTF8.GetBytes(string.Concat(sorted));
        int[] sortedOffsets = new int[sorted.Length + 1];
        for (int i = 0; i < sorted.Length; i++)
        {
            sortedOffsets[i + 1] = sortedOffsets[i] + sorted[i].Length;
        }

        using var dba = new PooledBuffer();
        DeltaByteArray.Encode(sortedOffsets, sortedBytes, dba);
        int[] sortedEnds = new int[sorted.Length];
        byte[] sortedOut = new byte[sortedBytes.Length];
        Measure("DELTA_BYTE_ARRAY decode, sorted (measure + decode)", sortedBytes.Length + sorted.Length * 4L, () =>
        {
            DeltaByteArray.MeasureValueBytes(dba.WrittenSpan, sorted.Length);
            DeltaByteArray.Decode(dba.WrittenSpan, sortedEnds, sortedOut);
        });

        using var stringBuilder = new ByteArrayDictionaryBuilder(4096);
        int[] stringIndices = new int[Values];
        Measure("dictionary build strings (4096 distinct)", stringBytes + Values * 4L, () =>
        {
            stringBuilder.Clear();
            stringBuilder.GetOrAddRange(pageOffsets, stringOut, stringIndices);
        });

        using var dictBuilder = new DictionaryBuilder<long>(4096);
        Measure("dictionary build int64 (4096 distinct)", Values * 8L, () =>
        {
            dictBuilder.Clear();
            dictBuilder.GetOrAddRange(gathered, decoded);
        });

        long[] timestamps = new long[Values];
        long t = 1_700_000_000_000_000;
        for (int i = 0; i < Values; i++)
        {
            t += random.Next(0, 5000);
            timestamps[i] = t;
        }

        using var delta = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt64(timestamps, delta);
        long[] deltaOut = new long[Values];
        Measure("DELTA_BINARY_PACKED decode int64", Values * 8L, () => DeltaBinaryPacked.DecodeInt64(delta.WrittenSpan, deltaOut, out _));
        int[] ints = [.. timestamps.Select(v => (int)(v / 1000))];
        using var delta32 = new PooledBuffer();
        DeltaBinaryPacked.EncodeInt32(ints, delta32);
        Measure("DELTA_BINARY_PACKED decode int32", Values * 4L, () => DeltaBinaryPacked.DecodeInt32(delta32.WrittenSpan, decoded, out _));
        Measure("DELTA_BINARY_PACKED encode int64", Values * 8L, () =>
        {
            delta.Clear();
            DeltaBinaryPacked.EncodeInt64(timestamps, delta);
        });

        double[] doubles = [.. Enumerable.Range(0, Values).Select(_ => random.NextDouble())];
        using var bss = new PooledBuffer();
        ByteStreamSplit.Encode<double>(doubles, bss);
        double[] bssOut = new double[Values];
        Measure("BYTE_STREAM_SPLIT decode double", Values * 8L, () => ByteStreamSplit.Decode<double>(bss.WrittenSpan, bssOut));

        bool[] bools = [.. levels.Select(v => v == 1)];
        using var boolPage = new PooledBuffer();
        PlainEncoder.EncodeBooleans(bools, boolPage);
        bool[] boolOut = new bool[Values];
        Measure("PLAIN boolean decode", Values, () => PlainDecoder.DecodeBooleans(boolPage.WrittenSpan, boolOut));

        // A page-like input: PLAIN int64 timestamps followed by short strings, 1 MiB in all.
        byte[] page = new byte[1 << 20];
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(timestamps.AsSpan(0, page.Length / 16)).CopyTo(page);
        var text = new StringBuilder();
        while (text.Length < page.Length / 2)
        {
            text.Append(words[random.Next(words.Length)]).Append(',');
        }

        Encoding.ASCII.GetBytes(text.ToString()).AsSpan(0, page.Length / 2).CopyTo(page.AsSpan(page.Length / 2));
        byte[] restored = new byte[page.Length];
        foreach (CompressionCodec codec in new[] { CompressionCodec.Snappy, CompressionCodec.Lz4Raw, CompressionCodec.Zstd, CompressionCodec.Gzip })
        {
            ICompressor compressor = Compressors.Get(codec);
            var compressed = new PooledBuffer();
            int size = compressor.Compress(page, compressed);
            Measure($"{codec} compress 1 MiB page (ratio {(double)page.Length / size:F2})", page.Length, () =>
            {
                compressed.Clear();
                compressor.Compress(page, compressed);
            });
            Measure($"{codec} decompress 1 MiB page", page.Length, () => compressor.Decompress(compressed.WrittenSpan, restored));
        }

        output.WriteLine($"{"case",-62} {"MB/s",10}");
        foreach ((string name, double mbps) in rows)
        {
            output.WriteLine($"{name,-62} {mbps,10:F0}");
        }

        return 0;
    }

    // Rates use the process's CPU time, not wall time, and report the best of several windows: on a shared machine
    // that removes most of the time spent waiting for a core.
    private static double Time(long bytesPerOp, Action op, double seconds)
    {
        // Warm up long enough for tiered compilation to reach its optimised code.
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed.TotalSeconds < seconds)
        {
            op();
        }

        using Process self = Process.GetCurrentProcess();
        double best = 0;
        var total = Stopwatch.StartNew();
        while (total.Elapsed.TotalSeconds < seconds)
        {
            self.Refresh();
            TimeSpan cpuStart = self.TotalProcessorTime;
            var window = Stopwatch.StartNew();
            long ops = 0;
            do
            {
                op();
                ops++;
            }
            while (window.Elapsed.TotalSeconds < seconds / 5);

            self.Refresh();
            double cpu = (self.TotalProcessorTime - cpuStart).TotalSeconds;
            best = Math.Max(best, bytesPerOp * (double)ops / Math.Max(cpu, 1e-6) / 1e6);
        }

        return best;
    }
}
