using Floe.Core.Metadata;

namespace Floe.Catalog;

/// <summary>One table's part of a multi-table commit: the REST form (requirements checked, then updates applied).</summary>
public sealed record TableCommit(
    TableIdentifier Identifier,
    IReadOnlyList<UpdateRequirement> Requirements,
    IReadOnlyList<MetadataUpdate> Updates);
