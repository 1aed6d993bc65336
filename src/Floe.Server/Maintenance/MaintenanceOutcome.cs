using System.Globalization;
using Floe.PrimaryKeys.Maintenance;
using Floe.Table.Maintenance;

namespace Floe.Server.Maintenance;

/// <summary>What one run removed, in the history's terms.</summary>
public sealed record MaintenanceOutcome(long FilesRemoved, long BytesRemoved, long SnapshotsExpired, long RowsExpired, string Summary)
{
    public static MaintenanceOutcome Of(ExpireSnapshotsResult result) =>
        new(result.Files.Files, result.Files.Bytes, result.ExpiredSnapshotIds.Count, 0, Join(Refs(result.ExpiredRefs), Failures(result.Files)));

    public static MaintenanceOutcome Of(PrimaryKeyExpireResult result) =>
        new(result.Change.Files.Files + result.Base.Files.Files, result.Change.Files.Bytes + result.Base.Files.Bytes,
            result.Change.ExpiredSnapshotIds.Count + result.Base.ExpiredSnapshotIds.Count, result.ChangeTtl.RemovedRows,
            Join(Text($"change TTL removed {result.ChangeTtl.RemovedFiles} file(s)"), Refs([.. result.Change.ExpiredRefs, .. result.Base.ExpiredRefs]),
                Failures(result.Change.Files), Failures(result.Base.Files)));

    public static MaintenanceOutcome Of(OrphanFilesResult result) =>
        new(result.Files.Files, result.Files.Bytes, 0, 0, Join(Text($"{result.Listed} file(s) listed"), Failures(result.Files)));

    public static MaintenanceOutcome Of(PrimaryKeyOrphanFilesResult result) =>
        new(result.Change.Files.Files + result.Base.Files.Files, result.Change.Files.Bytes + result.Base.Files.Bytes, 0, 0,
            Join(Text($"{result.Change.Listed + result.Base.Listed} file(s) listed"), Failures(result.Change.Files), Failures(result.Base.Files)));

    public static MaintenanceOutcome Of(DanglingDeletesResult result) =>
        new(result.PositionDeleteFiles + result.EqualityDeleteFiles, 0, 0, 0,
            Text($"{result.PositionDeleteFiles} position and {result.EqualityDeleteFiles} equality delete file(s) left the table"));

    public static MaintenanceOutcome Of(PrimaryKeyDanglingDeletesResult result) => Of(new DanglingDeletesResult(
        null, result.Change.PositionDeleteFiles + result.Base.PositionDeleteFiles, result.Change.EqualityDeleteFiles + result.Base.EqualityDeleteFiles));

    public static MaintenanceOutcome Of(DataExpirationResult result) =>
        new(result.DataFiles + result.DeleteFiles, 0, 0, result.Rows, Join(Text($"expired up to {result.ExpireMs} ms"), Unparseable(result.UnparseableValues)));

    public static MaintenanceOutcome Of(PrimaryKeyDataExpirationResult result) =>
        new(0, 0, 0, result.Rows, Join(Text($"expired up to {result.ExpireMs} ms"), Unparseable(result.UnparseableValues)));

    public static MaintenanceOutcome Of(AutoTagResult result) => new(0, 0, 0, 0, $"{result.TagName}: {result.Outcome}");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Refs(IReadOnlyList<string> refs) => refs.Count == 0 ? "" : $"refs expired: {string.Join(", ", refs)}";

    private static string Failures(FileRemoval files) =>
        files.Failed == 0 ? "" : Text($"{files.Failed} delete(s) failed, left for orphan cleaning: {files.FirstFailure}");

    private static string Unparseable(long values) => values == 0 ? "" : Text($"{values} value(s) did not parse as dates and were kept");

    private static string Join(params string[] parts) => string.Join("; ", parts.Where(p => p.Length > 0));
}
