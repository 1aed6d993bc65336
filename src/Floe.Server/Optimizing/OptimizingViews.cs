using System.Buffers;
using System.Text;
using System.Text.Json;
using Floe.Optimizing.Evaluation;

namespace Floe.Server.Optimizing;

/// <summary>The JSON form of an evaluation's pending input, stored with the table's state and shown by the management API.</summary>
internal static class OptimizingViews
{
    /// <summary>An evaluation's pending input as a JSON object (stored with the table's state).</summary>
    public static string PendingJson(TableEvaluation evaluation)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            PendingInput p = evaluation.Pending;
            writer.WriteStartObject();
            writer.WriteNumber("partitions", evaluation.PendingPartitionCount);
            writer.WriteNumber("data-files", p.DataFileCount);
            writer.WriteNumber("data-bytes", p.DataFileBytes);
            writer.WriteNumber("data-records", p.DataRecords);
            writer.WriteNumber("fragments", p.FragmentCount);
            writer.WriteNumber("undersized-segments", p.UndersizedSegmentCount);
            writer.WriteNumber("segments", p.SegmentCount);
            writer.WriteNumber("equality-delete-files", p.EqualityDeleteFileCount);
            writer.WriteNumber("equality-delete-records", p.EqualityDeleteRecords);
            writer.WriteNumber("position-delete-files", p.PositionDeleteFileCount);
            writer.WriteNumber("position-delete-records", p.PositionDeleteRecords);
            writer.WriteNumber("table-data-files", evaluation.DataFileCount);
            writer.WriteNumber("table-delete-files", evaluation.DeleteFileCount);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
