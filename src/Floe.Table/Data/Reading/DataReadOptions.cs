using Floe.Core.Mapping;
using Floe.Parquet.Reading;

namespace Floe.Table.Data.Reading;

/// <summary>How a data file's columns are matched to the requested schema, and which row groups are read.</summary>
public sealed record DataReadOptions
{
    /// <summary>
    /// Field ids by column name for files written without ids (the table's <c>schema.name-mapping.default</c>).
    /// Without one, such files are matched by the requested schema's current names.
    /// </summary>
    public NameMapping? NameMapping { get; init; }

    /// <summary>Skips row groups whose statistics show no row can match.</summary>
    public Func<RowGroupInfo, bool>? RowGroupFilter { get; init; }

    /// <summary>How many columns are decoded at once (default: the processor count).</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
