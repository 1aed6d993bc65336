using System.Buffers.Binary;

namespace Floe.Avro.Codecs.Snappy;

/// <summary>
/// Decodes Snappy's raw block format: a varint uncompressed length, then literals and back-references. Every length
/// and offset is checked, so corrupt input raises an <see cref="AvroException"/>.
/// </summary>
public static class SnappyDecompressor
{
    /// <summary>The uncompressed length declared by the block's preamble.</summary>
    public static int GetUncompressedLength(ReadOnlySpan<byte> input, out int preambleLength)
    {
        ulong length = 0;
        for (int i = 0; i < 5; i++)
        {
            if (i >= input.Length)
            {
                throw new AvroException("snappy data is truncated in its length preamble");
            }

            byte b = input[i];
            length |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                if (length > int.MaxValue)
                {
                    throw new AvroException($"snappy uncompressed length {length} is too large");
                }

                preambleLength = i + 1;
                return (int)length;
            }
        }

        throw new AvroException("snappy length preamble is longer than 5 bytes");
    }

    /// <summary>Decompresses <paramref name="input"/> (after the preamble) into <paramref name="output"/>, which must be exactly the declared length.</summary>
    public static void Decompress(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int ip = 0;
        int op = 0;
        while (ip < input.Length)
        {
            byte tag = input[ip++];
            int length;
            int offset;
            switch (tag & 3)
            {
                case 0:
                    length = tag >> 2;
                    if (length >= 60)
                    {
                        int extra = length - 59;
                        if (input.Length - ip < extra)
                        {
                            throw Corrupt("literal length is truncated", ip);
                        }

                        uint value = 0;
                        for (int i = 0; i < extra; i++)
                        {
                            value |= (uint)input[ip + i] << (8 * i);
                        }

                        ip += extra;
                        if (value >= int.MaxValue)
                        {
                            throw Corrupt("literal length is too large", ip);
                        }

                        length = (int)value;
                    }

                    length++;
                    if (length > input.Length - ip || length > output.Length - op)
                    {
                        throw Corrupt($"literal of {length} bytes overruns the data", ip);
                    }

                    input.Slice(ip, length).CopyTo(output[op..]);
                    ip += length;
                    op += length;
                    continue;
                case 1:
                    if (ip >= input.Length)
                    {
                        throw Corrupt("copy is truncated", ip);
                    }

                    length = 4 + ((tag >> 2) & 7);
                    offset = ((tag >> 5) << 8) | input[ip++];
                    break;
                case 2:
                    if (input.Length - ip < 2)
                    {
                        throw Corrupt("copy is truncated", ip);
                    }

                    length = 1 + (tag >> 2);
                    offset = BinaryPrimitives.ReadUInt16LittleEndian(input[ip..]);
                    ip += 2;
                    break;
                default:
                    if (input.Length - ip < 4)
                    {
                        throw Corrupt("copy is truncated", ip);
                    }

                    length = 1 + (tag >> 2);
                    uint wide = BinaryPrimitives.ReadUInt32LittleEndian(input[ip..]);
                    if (wide > int.MaxValue)
                    {
                        throw Corrupt("copy offset is too large", ip);
                    }

                    offset = (int)wide;
                    ip += 4;
                    break;
            }

            if (offset == 0 || offset > op || length > output.Length - op)
            {
                throw Corrupt($"copy of {length} bytes from offset {offset} is out of range", ip);
            }

            if (offset >= length)
            {
                output.Slice(op - offset, length).CopyTo(output[op..]);
                op += length;
            }
            else
            {
                // Overlapping copy: repeats a short pattern, byte by byte.
                for (int i = 0; i < length; i++, op++)
                {
                    output[op] = output[op - offset];
                }
            }
        }

        if (op != output.Length)
        {
            throw new AvroException($"snappy data decodes to {op} bytes but declares {output.Length}");
        }
    }

    private static AvroException Corrupt(string what, int position) => new($"snappy data is corrupt: {what} (input offset {position})");
}
