using System.Text;
using Floe.Core.Expressions;
using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Core.Values;
using Floe.Table.Scanning;

namespace Floe.PrimaryKeys.Reading;

/// <summary>
/// Plans one store of a primary-key table for a merge, through <see cref="MergeCaches.Plans"/>: a snapshot's files never
/// change, so a plan is kept by the snapshot's manifest list, the schema and the filter. The base store changes only
/// when optimizing commits, so a query after new changes replans only the change store, and that from the plan of the
/// snapshot before when the commit only appended.
/// </summary>
internal static class StorePlans
{
    public static async Task<IReadOnlyList<FileScanTask>> PlanAsync(
        TableMetadata metadata, IFileIO io, Snapshot snapshot, Expression boundFilter, bool caseSensitive, CancellationToken cancellationToken)
    {
        if (snapshot.ManifestList is not string manifestList || !MergeCaches.Plans.Enabled)
        {
            return await PlanFilesAsync((metadata, io, snapshot, boundFilter, caseSensitive), cancellationToken).ConfigureAwait(false);
        }

        var key = new PlanKey(metadata.Location, manifestList, metadata.CurrentSchemaId, Fingerprint(boundFilter), caseSensitive);
        return await MergeCaches.Plans.GetOrLoadAsync(key, (metadata, io, snapshot, boundFilter, caseSensitive), LoadAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the plan <see cref="PlanAsync"/> would return is kept (or being made), so asking for it costs no planning.</summary>
    public static bool IsCached(TableMetadata metadata, Snapshot snapshot, Expression boundFilter, bool caseSensitive) =>
        snapshot.ManifestList is string manifestList && MergeCaches.Plans.Enabled
        && MergeCaches.Plans.Contains(new PlanKey(metadata.Location, manifestList, metadata.CurrentSchemaId, Fingerprint(boundFilter), caseSensitive));

    private static async Task<(IReadOnlyList<FileScanTask> Value, long Bytes)> LoadAsync(
        (TableMetadata Metadata, IFileIO Io, Snapshot Snapshot, Expression Filter, bool CaseSensitive) state, CancellationToken cancellationToken)
    {
        IReadOnlyList<FileScanTask> tasks = await AppendedToParentAsync(state, cancellationToken).ConfigureAwait(false)
            ?? await PlanFilesAsync(state, cancellationToken).ConfigureAwait(false);
        return (tasks, 256 + tasks.Sum(t => 512L + (2L * t.File.FilePath.Length) + (256L * t.Deletes.Count)));
    }

    /// <summary>
    /// The plan of a current append snapshot (every change commit) as its parent's cached plan plus the files the append
    /// added, planned from its own manifests alone; null when the parent's plan is not cached, carries delete files, or
    /// the snapshot is no plain append on the current schema.
    /// </summary>
    private static async Task<IReadOnlyList<FileScanTask>?> AppendedToParentAsync(
        (TableMetadata Metadata, IFileIO Io, Snapshot Snapshot, Expression Filter, bool CaseSensitive) state, CancellationToken cancellationToken)
    {
        (TableMetadata metadata, IFileIO io, Snapshot snapshot, Expression filter, bool caseSensitive) = state;
        if (snapshot.Operation != SnapshotOperations.Append || metadata.CurrentSnapshot?.SnapshotId != snapshot.SnapshotId
            || (snapshot.SchemaId is int schemaId && schemaId != metadata.CurrentSchemaId)
            || snapshot.ParentSnapshotId is not long parentId || metadata.SnapshotById(parentId)?.ManifestList is not string parentList
            || !MergeCaches.Plans.TryGet(new PlanKey(metadata.Location, parentList, metadata.CurrentSchemaId, Fingerprint(filter), caseSensitive), out IReadOnlyList<FileScanTask> parent)
            || parent.Any(t => t.Deletes.Count > 0))
        {
            return null;
        }

        IReadOnlyList<FileScanTask> added = await new IncrementalAppendScan(metadata, io).FromSnapshotExclusive(parentId).Where(filter).CaseSensitive(caseSensitive)
            .PlanFilesAsync(cancellationToken).ConfigureAwait(false);
        return [.. parent, .. added];
    }

    private static Task<IReadOnlyList<FileScanTask>> PlanFilesAsync(
        (TableMetadata Metadata, IFileIO Io, Snapshot Snapshot, Expression Filter, bool CaseSensitive) state, CancellationToken cancellationToken) =>
        new TableScan(state.Metadata, state.Io).UseSnapshot(state.Snapshot.SnapshotId).Where(state.Filter).CaseSensitive(state.CaseSensitive)
            .PlanFilesAsync(cancellationToken);

    /// <summary>A bound filter written out unambiguously: field ids, operations, and literals by type and binary value.</summary>
    internal static string Fingerprint(Expression filter)
    {
        var text = new StringBuilder();
        Write(filter, text);
        return text.ToString();

        static void Write(Expression e, StringBuilder text)
        {
            switch (e)
            {
                case And and:
                    Pair("and", and.Left, and.Right, text);
                    break;
                case Or or:
                    Pair("or", or.Left, or.Right, text);
                    break;
                case Not not:
                    text.Append("not(");
                    Write(not.Child, text);
                    text.Append(')');
                    break;
                case BoundPredicate predicate:
                    text.Append(predicate.Op).Append('(').Append(predicate.Ref.FieldId);
                    foreach (Literal literal in predicate.Literals)
                    {
                        text.Append(',').Append(literal.TypeId).Append(':');
                        text.Append(literal.IsNull ? "null" : Convert.ToHexString(SingleValueBinary.ToBytes(literal)));
                    }

                    text.Append(')');
                    break;
                case TrueExpression:
                    text.Append("true");
                    break;
                case FalseExpression:
                    text.Append("false");
                    break;
                default:
                    // Not a bound filter: its text, with the type so it cannot pass for one written above.
                    text.Append(e.GetType().Name).Append('[').Append(e).Append(']');
                    break;
            }
        }

        static void Pair(string op, Expression left, Expression right, StringBuilder text)
        {
            text.Append(op).Append('(');
            Write(left, text);
            text.Append(',');
            Write(right, text);
            text.Append(')');
        }
    }
}

/// <summary>A store's plan: the table, the snapshot (by manifest list), the schema, the filter (fingerprinted) and case sensitivity.</summary>
public readonly record struct PlanKey(string Location, string ManifestList, int SchemaId, string Filter, bool CaseSensitive);
