using System.Globalization;
using System.Text.Json;
using Floe.Common.Errors;
using Floe.Core.Json;
using Floe.Core.Types;

namespace Floe.Core.Values;

/// <summary>
/// A partition tuple as the spec's JSON single-value form of a struct: an object keyed by partition field id
/// (<c>{"1000": 3, "1001": "2017-11-16"}</c>); null values are omitted.
/// </summary>
public static class PartitionDataJson
{
    public static string ToJson(StructType partitionType, PartitionData data) =>
        JsonOut.ToString(w => Write(w, partitionType, data), indented: false);

    public static PartitionData Parse(StructType partitionType, string json) =>
        JsonIn.Parse(json, "partition values", (ref Utf8JsonReader r) => Read(ref r, partitionType));

    public static void Write(Utf8JsonWriter writer, StructType partitionType, PartitionData data)
    {
        if (data.Size != partitionType.Fields.Count)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument,
                $"Partition tuple has {data.Size} values but the partition type has {partitionType.Fields.Count} fields.");
        }

        writer.WriteStartObject();
        for (int i = 0; i < data.Size; i++)
        {
            if (!data[i].IsNull)
            {
                writer.WritePropertyName(partitionType.Fields[i].Id.ToString(CultureInfo.InvariantCulture));
                SingleValueJson.Write(writer, data[i]);
            }
        }

        writer.WriteEndObject();
    }

    public static PartitionData Read(ref Utf8JsonReader reader, StructType partitionType)
    {
        JsonIn.ExpectStartObject(ref reader, "Partition values");
        var data = new PartitionData(partitionType.Fields.Count);
        while (JsonIn.NextProperty(ref reader, out string key))
        {
            int index = -1;
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            {
                index = IndexOf(partitionType, id);
            }

            if (index < 0)
            {
                throw JsonIn.Error(ref reader, $"Partition values name unknown field id '{key}'");
            }

            data[index] = SingleValueJson.Read(ref reader, partitionType.Fields[index].Type.AsPrimitive());
        }

        return data;
    }

    private static int IndexOf(StructType type, int id)
    {
        for (int i = 0; i < type.Fields.Count; i++)
        {
            if (type.Fields[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
