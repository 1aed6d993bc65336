using System.Numerics;
using Floe.Common.Columnar;
using Floe.Parquet.Encodings;
using Floe.Parquet.Writing;
using Floe.Table.Data.Writing;

namespace Floe.PrimaryKeys.Writing;

/// <summary>
/// Chooses, from a transaction's first input, which columns its change files write PLAIN instead of trying a
/// dictionary. A change file holds one transaction's rows of one (partition, node), typically tens of thousands: a
/// column whose values hardly repeat among that many rows (names, measurements) builds a dictionary as large as its
/// values, a hash and a copy per value for a file no smaller. Encodings set in table properties are kept.
/// </summary>
internal static class ChangeFileEncodings
{
    // Rows sampled per column, spread evenly over the input.
    private const int SampleRows = DictionarySample.Size;

    /// <summary>Files expected to hold more rows than this keep the dictionary: over many pages it may still pay off.</summary>
    public const long SmallFileRows = 100_000;

    // Fewer present values than this say nothing either way (mostly-null columns, delete inputs holding only keys).
    private const int MinimumSample = 256;

    /// <param name="config">The change files' configuration so far.</param>
    /// <param name="fields">The input's columns, in the order of <paramref name="columns"/>.</param>
    /// <param name="columns">The input's values.</param>
    /// <param name="rowsPerFile">How many rows of this input each change file is expected to receive.</param>
    public static DataWriterConfig Choose(DataWriterConfig config, IReadOnlyList<ColumnField> fields, IReadOnlyList<ColumnVector> columns, long rowsPerFile)
    {
        if (rowsPerFile > SmallFileRows)
        {
            return config;
        }

        Dictionary<string, ColumnEncoding>? encodings = null;
        for (int c = 0; c < columns.Count; c++)
        {
            string name = fields[c].Name;
            if (!config.Parquet.ColumnEncodings.ContainsKey(name) && HardlyRepeats(columns[c]))
            {
                encodings ??= new Dictionary<string, ColumnEncoding>(config.Parquet.ColumnEncodings, StringComparer.Ordinal);
                encodings[name] = ColumnEncoding.Plain;
            }
        }

        return encodings is null ? config : config with { Parquet = config.Parquet with { ColumnEncodings = encodings } };
    }

    /// <summary>True when a sample of the column's present values hardly repeats (<see cref="DictionarySample.HardlyRepeats"/>).</summary>
    public static bool HardlyRepeats(ColumnVector column)
    {
        int rows = column.Length;
        if (rows < MinimumSample)
        {
            return false;
        }

        int step = Math.Max(1, rows / SampleRows);

        // Distinct fingerprints of the sample in an open-addressing table twice its size (zero marks a free slot; a
        // value whose fingerprint is zero counts once on its own).
        Span<ulong> table = stackalloc ulong[2 * SampleRows];
        table.Clear();
        int shift = 64 - BitOperations.Log2((uint)table.Length);
        int present = 0;
        int distinct = 0;
        bool zeroSeen = false;
        for (int row = 0; row < rows && present < SampleRows; row += step)
        {
            if (column.IsNull(row))
            {
                continue;
            }

            if (Fingerprint(column, row) is not ulong fingerprint)
            {
                return false;
            }

            present++;
            if (fingerprint == 0)
            {
                distinct += zeroSeen ? 0 : 1;
                zeroSeen = true;
                continue;
            }

            int slot = (int)((fingerprint * 0x9E3779B97F4A7C15UL) >> shift);
            while (table[slot] != 0 && table[slot] != fingerprint)
            {
                slot = (slot + 1) & (table.Length - 1);
            }

            if (table[slot] == 0)
            {
                table[slot] = fingerprint;
                distinct++;
            }
        }

        return present >= MinimumSample && DictionarySample.HardlyRepeats(present, distinct);
    }

    /// <summary>The value's bits, or a 64-bit hash of its bytes; null for kinds a dictionary is not tried on or not judged here.</summary>
    private static ulong? Fingerprint(ColumnVector column, int row) => column switch
    {
        PrimitiveVector<int> ints => (ulong)(uint)ints.Values[row],
        PrimitiveVector<long> longs => (ulong)longs.Values[row],
        PrimitiveVector<float> floats => BitConverter.SingleToUInt32Bits(floats.Values[row]),
        PrimitiveVector<double> doubles => BitConverter.DoubleToUInt64Bits(doubles.Values[row]),
        BinaryVector binary => Hash(binary.GetBytes(row)),
        FixedBinaryVector fixedBinary => Hash(fixedBinary.GetBytes(row)),
        _ => null,
    };

    private static ulong Hash(ReadOnlySpan<byte> bytes)
    {
        // Two independent 32-bit hashes: a false repeat among a thousand values is then out of the question.
        var first = default(HashCode);
        first.AddBytes(bytes);
        var second = default(HashCode);
        second.Add(bytes.Length);
        second.AddBytes(bytes);
        return ((ulong)(uint)first.ToHashCode() << 32) | (uint)second.ToHashCode();
    }
}
