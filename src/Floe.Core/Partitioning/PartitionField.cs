using Floe.Core.Transforms;

namespace Floe.Core.Partitioning;

/// <summary>One field of a partition spec: a transform of a source column, with its own field id (1000 and up).</summary>
public sealed record PartitionField(int SourceId, int FieldId, string Name, Transform Transform)
{
    public override string ToString() => $"{FieldId}: {Name}: {Transform}({SourceId})";
}
