using System.Globalization;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Partitioning;
using Floe.Core.Properties;
using Floe.Core.Schemas;
using Floe.Core.Sorting;

namespace Floe.PrimaryKeys.Model;

/// <summary>
/// The first metadata of both stores of a new primary-key table at <c>L</c>: the base store at <c>L/base</c> with fresh
/// field ids (as any new table) and the key as identifier fields, and the change store at <c>L/change</c> with the same
/// columns, ids and partition spec plus the three change columns.
/// </summary>
public static class PrimaryKeyTableMetadata
{
    public const string BaseFolder = "base";
    public const string ChangeFolder = "change";

    /// <summary>The table folder <c>L</c> of a base store at <c>L/base</c>; the base location itself when it is not named so.</summary>
    public static string Root(string baseLocation)
    {
        ArgumentException.ThrowIfNullOrEmpty(baseLocation);
        string trimmed = baseLocation.TrimEnd('/');
        return trimmed.EndsWith("/" + BaseFolder, StringComparison.Ordinal) ? trimmed[..^(BaseFolder.Length + 1)] : trimmed;
    }

    /// <summary>Creates the metadata of both stores.</summary>
    /// <param name="schema">The user columns; key columns must be required primitives.</param>
    /// <param name="spec">The partition spec of both stores (unpartitioned when null).</param>
    /// <param name="primaryKey">The key column names in key order.</param>
    /// <param name="location">The table folder; the stores live in its <c>base</c> and <c>change</c> folders.</param>
    /// <param name="clock">The clock for the metadata timestamps.</param>
    /// <param name="properties">Table properties, stored on both stores; bucket counts come from
    /// <see cref="PrimaryKeyProperties.BaseHashBucket"/> and <see cref="PrimaryKeyProperties.ChangeHashBucket"/>.</param>
    public static (TableMetadata Base, TableMetadata Change) Create(
        Schema schema,
        PartitionSpec? spec,
        IReadOnlyList<string> primaryKey,
        string location,
        IReadOnlyDictionary<string, string>? properties = null,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(primaryKey);
        ArgumentException.ThrowIfNullOrEmpty(location);
        var key = PrimaryKey.Of(schema, primaryKey);
        if (schema.Columns.Any(c => PrimaryKeyColumns.IsChangeColumn(c.Id) || c.Name is PrimaryKeyColumns.TransactionIdName or PrimaryKeyColumns.FileOffsetName or PrimaryKeyColumns.ChangeActionName))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Column names {PrimaryKeyColumns.TransactionIdName}, {PrimaryKeyColumns.FileOffsetName} and {PrimaryKeyColumns.ChangeActionName} are reserved in primary-key tables.");
        }

        var props = new Dictionary<string, string>(properties ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (props.TryGetValue(TableProperties.FormatVersion, out string? version) && version != "2")
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Primary-key tables use format version 2, not {version}.");
        }

        // Checked here too: the bucket counts are moved to the store they belong to before the stores are built.
        TablePropertyRegistry.Validate(props);
        int baseBuckets = PrimaryKeyProperties.BaseHashBucket.Read(props);
        int changeBuckets = PrimaryKeyProperties.ChangeHashBucket.Read(props);
        props.Remove(TableProperties.FormatVersion);
        props.Remove(PrimaryKeyProperties.BaseHashBucket.Key);
        props.Remove(PrimaryKeyProperties.ChangeHashBucket.Key);
        props[PrimaryKeyProperties.TableFormat.Key] = PrimaryKeyTableProperties.MixedIcebergFormat;
        props[PrimaryKeyProperties.PrimaryKeyFields.Key] = key.PropertyValue;

        // As Amoro creates its stores: every commit of a stream of transactions writes a metadata file.
        props.TryAdd(MetadataProperties.DeleteAfterCommit.Key, "true");

        var keyed = new Schema(schema.AsStruct, schema.SchemaId, key.FieldIds);
        string root = location.TrimEnd('/');
        var baseProps = new Dictionary<string, string>(props, StringComparer.Ordinal)
        {
            [PrimaryKeyProperties.TableStore.Key] = PrimaryKeyTableProperties.BaseStore,
            [PrimaryKeyProperties.BaseHashBucket.Key] = baseBuckets.ToString(CultureInfo.InvariantCulture),
        };
        TableMetadata baseMetadata = NewTable.Create(keyed, spec, SortOrder.Unsorted, $"{root}/{BaseFolder}", baseProps, formatVersion: 2, clock: clock);

        var changeProps = new Dictionary<string, string>(baseMetadata.Properties, StringComparer.Ordinal)
        {
            [PrimaryKeyProperties.TableStore.Key] = PrimaryKeyTableProperties.ChangeStore,
            [PrimaryKeyProperties.ChangeHashBucket.Key] = changeBuckets.ToString(CultureInfo.InvariantCulture),
        };
        changeProps.Remove(PrimaryKeyProperties.BaseHashBucket.Key);
        TableMetadata changeMetadata = TableMetadataBuilder.ForNewTable(2, clock)
            .AssignUuid(Guid.NewGuid())
            .AddSchema(PrimaryKeyColumns.ChangeSchema(baseMetadata.CurrentSchema))
            .SetCurrentSchema(TableMetadataBuilder.LastAdded)
            .AddPartitionSpec(baseMetadata.DefaultSpec)
            .SetDefaultPartitionSpec(TableMetadataBuilder.LastAdded)
            .AddSortOrder(SortOrder.Unsorted)
            .SetDefaultSortOrder(TableMetadataBuilder.LastAdded)
            .SetLocation($"{root}/{ChangeFolder}")
            .SetProperties(changeProps)
            .Build();
        return (baseMetadata, changeMetadata);
    }
}
