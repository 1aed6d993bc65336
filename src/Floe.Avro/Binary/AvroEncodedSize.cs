using Floe.Avro.Schemas;

namespace Floe.Avro.Binary;

/// <summary>
/// The fewest bytes a value of a schema can take. Array and map counts are checked against it so that a corrupt
/// count cannot make a reader loop or allocate beyond what the remaining bytes could hold.
/// </summary>
public static class AvroEncodedSize
{
    /// <summary>Items of zero encoded size (nulls, empty records) that one array or map block may hold.</summary>
    public const long MaxZeroSizeItemsPerBlock = 1 << 24;

    /// <summary>The minimum number of bytes a value of <paramref name="schema"/> occupies.</summary>
    public static int Min(AvroSchema schema) => Min(schema, 0);

    private static int Min(AvroSchema schema, int depth)
    {
        if (depth > 64)
        {
            return 0;
        }

        switch (schema.Kind)
        {
            case AvroTypeKind.Null:
                return 0;
            case AvroTypeKind.Float:
                return 4;
            case AvroTypeKind.Double:
                return 8;
            case AvroTypeKind.Fixed:
                return ((FixedSchema)schema).Size;
            case AvroTypeKind.Record:
                long total = 0;
                foreach (AvroField field in ((RecordSchema)schema).Fields)
                {
                    total += Min(field.Schema, depth + 1);
                }

                return (int)Math.Min(total, 1 << 20);
            default:
                // boolean, int, long, enum, bytes, string, union, array and map take at least one byte.
                return 1;
        }
    }

    /// <summary>Checks a block's item count against the bytes remaining given the item's minimum size.</summary>
    internal static void CheckCount(ref AvroBinaryReader reader, long count, int minItemSize)
    {
        if (minItemSize == 0)
        {
            if (count > MaxZeroSizeItemsPerBlock)
            {
                reader.Throw($"array or map block claims {count} empty items (limit {MaxZeroSizeItemsPerBlock})");
            }

            return;
        }

        if (count > reader.Remaining / minItemSize)
        {
            reader.Throw($"array or map block claims {count} items but only {reader.Remaining} bytes remain");
        }
    }
}
