using Floe.Common.Errors;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Sorting;

namespace Floe.Core.Metadata;

/// <summary>
/// Creates the first metadata of a table the way Java does on create: fresh field ids (1..n, struct level first),
/// partition field ids from 1000, the sort order rebuilt against the fresh ids (order id 1, or 0 when unsorted),
/// reserved properties consumed and <c>write.parquet.compression-codec=zstd</c> stored unless given.
/// Ids in the given schema, spec and order are not authoritative; they only link the three together.
/// </summary>
public static class NewTable
{
    public static TableMetadata Create(
        Schema schema,
        PartitionSpec? spec,
        SortOrder? sortOrder,
        string location,
        IReadOnlyDictionary<string, string>? properties = null,
        int formatVersion = TableMetadata.SupportedFormatVersion,
        Guid? tableUuid = null,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentException.ThrowIfNullOrEmpty(location);
        spec ??= PartitionSpec.Unpartitioned;
        sortOrder ??= SortOrder.Unsorted;
        var props = properties ?? new Dictionary<string, string>();
        if (props.TryGetValue(TableProperties.FormatVersion, out string? versionText))
        {
            formatVersion = int.TryParse(versionText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int v)
                ? v
                : throw new FloeException(FloeErrorKind.InvalidArgument, $"Invalid format-version property '{versionText}'.");
        }

        int lastColumnId = 0;
        var freshSchema = FreshIds.Assign(schema, ref lastColumnId, schemaId: 0);
        var freshSpec = RebindSpec(spec, schema, freshSchema);
        var freshOrder = RebindOrder(sortOrder, schema, freshSchema);

        var stored = props.Where(p => !TableProperties.Reserved.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        stored.TryAdd(IcebergWriteProperties.ParquetCompressionCodec.Key, IcebergWriteProperties.ParquetCompressionCodec.Default);

        return TableMetadataBuilder.ForNewTable(formatVersion, clock)
            .AssignUuid(tableUuid ?? Guid.NewGuid())
            .AddSchema(freshSchema, lastColumnId)
            .SetCurrentSchema(TableMetadataBuilder.LastAdded)
            .AddPartitionSpec(freshSpec)
            .SetDefaultPartitionSpec(TableMetadataBuilder.LastAdded)
            .AddSortOrder(freshOrder)
            .SetDefaultSortOrder(TableMetadataBuilder.LastAdded)
            .SetLocation(location)
            .SetProperties(stored)
            .Build();
    }

    private static PartitionSpec RebindSpec(PartitionSpec spec, Schema original, Schema fresh)
    {
        var builder = new PartitionSpecBuilder(fresh).WithSpecId(0);
        int fieldId = PartitionSpec.FirstFieldId;
        foreach (var field in spec.Fields)
        {
            builder.Add(FreshSourceId(field.SourceId, original, fresh, $"partition field '{field.Name}'"), fieldId++, field.Name, field.Transform);
        }

        return builder.Build();
    }

    private static SortOrder RebindOrder(SortOrder order, Schema original, Schema fresh)
    {
        var builder = new SortOrderBuilder(fresh);
        foreach (var field in order.Fields)
        {
            builder.Add(FreshSourceId(field.SourceId, original, fresh, "sort field"), field.Transform, field.Direction, field.NullOrder);
        }

        return builder.Build();
    }

    private static int FreshSourceId(int sourceId, Schema original, Schema fresh, string what)
    {
        string name = original.FindColumnName(sourceId)
            ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot create table: {what} refers to unknown column id {sourceId}.");
        return fresh.FindField(name)!.Id;
    }
}
