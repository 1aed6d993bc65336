using Floe.Avro.Schemas;

namespace Floe.Avro.Binary;

/// <summary>Skips an encoded value of a schema without materialising it.</summary>
public static class AvroSkipper
{
    /// <summary>Advances <paramref name="reader"/> past one value written with <paramref name="schema"/>.</summary>
    public static void Skip(ref AvroBinaryReader reader, AvroSchema schema)
    {
        switch (schema.Kind)
        {
            case AvroTypeKind.Null:
                return;
            case AvroTypeKind.Boolean:
                reader.ReadBoolean();
                return;
            case AvroTypeKind.Int:
            case AvroTypeKind.Long:
            case AvroTypeKind.Enum:
                reader.ReadLong();
                return;
            case AvroTypeKind.Float:
                reader.Skip(4);
                return;
            case AvroTypeKind.Double:
                reader.Skip(8);
                return;
            case AvroTypeKind.Bytes:
            case AvroTypeKind.String:
                reader.SkipBytes();
                return;
            case AvroTypeKind.Fixed:
                reader.Skip(((FixedSchema)schema).Size);
                return;
            case AvroTypeKind.Record:
                reader.EnterNested();
                foreach (AvroField field in ((RecordSchema)schema).FieldArray)
                {
                    Skip(ref reader, field.Schema);
                }

                reader.ExitNested();
                return;
            case AvroTypeKind.Union:
                AvroSchema[] branches = ((UnionSchema)schema).BranchArray;
                Skip(ref reader, branches[reader.ReadUnionIndex(branches.Length)]);
                return;
            case AvroTypeKind.Array:
            case AvroTypeKind.Map:
                reader.EnterNested();
                SkipBlocks(ref reader, schema is ArraySchema array ? array.Items : ((MapSchema)schema).Values, schema.Kind == AvroTypeKind.Map);
                reader.ExitNested();
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(schema));
        }
    }

    private static void SkipBlocks(ref AvroBinaryReader reader, AvroSchema items, bool isMap)
    {
        int minItemSize = isMap ? 1 + AvroEncodedSize.Min(items) : AvroEncodedSize.Min(items);
        while (true)
        {
            long count = reader.ReadBlockCountOrSkip();
            if (count == 0)
            {
                return;
            }

            if (count < 0)
            {
                continue;
            }

            AvroEncodedSize.CheckCount(ref reader, count, minItemSize);
            if (minItemSize == 0)
            {
                continue;
            }

            for (long i = 0; i < count; i++)
            {
                if (isMap)
                {
                    reader.SkipBytes();
                }

                Skip(ref reader, items);
            }
        }
    }
}
