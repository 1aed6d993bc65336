using System.CommandLine;
using System.Globalization;
using Floe.Common.Errors;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Maintenance;
using Floe.Table.Maintenance;
using Floe.Table.Operations;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// <c>floe table expire-snapshots|clean-orphans|clean-dangling-deletes|expire-data|create-tag</c>: table maintenance
/// on demand, for plain and primary-key tables (both stores); without options each follows the table's properties.
/// </summary>
internal static class TableMaintenanceCommands
{
    public static void AddTo(Command group)
    {
        group.Subcommands.Add(ExpireSnapshots());
        group.Subcommands.Add(CleanOrphans());
        group.Subcommands.Add(CleanDanglingDeletes());
        group.Subcommands.Add(ExpireData());
        group.Subcommands.Add(CreateTag());
    }

    private static Command ExpireSnapshots()
    {
        var table = new TableOptions();
        var olderThan = new Option<string?>("--older-than") { Description = "Expire snapshots committed before this ISO time (default: now minus snapshot.keep.duration)." };
        var retainLast = new Option<int?>("--retain-last") { Description = "Always keep this many newest snapshots of each branch (default: snapshot.keep.min-count)." };
        var command = new Command("expire-snapshots", "Remove old snapshots and delete the files only they referenced; primary-key tables apply the change TTL first.") { olderThan, retainLast };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            var options = new ExpireSnapshotsOptions
            {
                OlderThan = parse.GetValue(olderThan) is string text ? ParseTime(text) : null,
                RetainLast = parse.GetValue(retainLast),
            };
            TextWriter output = context.Output;
            if (await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false) is PrimaryKeyTable primaryKey)
            {
                PrimaryKeyExpireResult result = await primaryKey.ExpireSnapshotsAsync(options, ct).ConfigureAwait(false);
                await output.WriteLineAsync(Invariant($"change ttl: {result.ChangeTtl.RemovedFiles} change files removed ({result.ChangeTtl.RemovedRows} rows)")).ConfigureAwait(false);
                await WriteAsync(output, "change store: ", result.Change).ConfigureAwait(false);
                await WriteAsync(output, "base store: ", result.Base).ConfigureAwait(false);
                return;
            }

            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            await WriteAsync(output, "", await opened.ExpireSnapshotsAsync(options, ct).ConfigureAwait(false)).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CleanOrphans()
    {
        var table = new TableOptions();
        var minutes = new Option<long?>("--older-than-minutes") { Description = "Only files older than this are orphans (default: clean-orphan-file.min-existing-time-minutes)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be deleted, delete nothing." };
        var command = new Command("clean-orphans", "Delete files under the table's data and metadata folders that no metadata references and that are older than the safety window.") { minutes, dryRun };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            var options = new OrphanFilesOptions { OlderThanMinutes = parse.GetValue(minutes), DryRun = parse.GetValue(dryRun) };
            TextWriter output = context.Output;
            if (await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false) is PrimaryKeyTable primaryKey)
            {
                PrimaryKeyOrphanFilesResult result = await primaryKey.CleanOrphanFilesAsync(options, ct).ConfigureAwait(false);
                await WriteAsync(output, "change store: ", result.Change, options.DryRun).ConfigureAwait(false);
                await WriteAsync(output, "base store: ", result.Base, options.DryRun).ConfigureAwait(false);
                return;
            }

            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            await WriteAsync(output, "", await opened.CleanOrphanFilesAsync(options, ct).ConfigureAwait(false), options.DryRun).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CleanDanglingDeletes()
    {
        var table = new TableOptions();
        var command = new Command("clean-dangling-deletes", "Remove delete files that no live data file can match any more, in one commit.");
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            if (await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false) is PrimaryKeyTable primaryKey)
            {
                PrimaryKeyDanglingDeletesResult result = await primaryKey.CleanDanglingDeletesAsync(ct).ConfigureAwait(false);
                await WriteAsync(context.Output, "change store: ", result.Change).ConfigureAwait(false);
                await WriteAsync(context.Output, "base store: ", result.Base).ConfigureAwait(false);
                return;
            }

            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            await WriteAsync(context.Output, "", await opened.CleanDanglingDeletesAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
        });
        return command;
    }

    private static Command ExpireData()
    {
        var table = new TableOptions();
        var command = new Command("expire-data", "Drop data whose data-expire.field value is older than data-expire.retention-time (the table's data-expire.* properties).");
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            string expire;
            if (await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false) is PrimaryKeyTable primaryKey)
            {
                PrimaryKeyDataExpirationResult result = await primaryKey.ExpireDataAsync(cancellationToken: ct).ConfigureAwait(false);
                expire = Invariant($"{result.Rows} keys deleted in transaction {result.TransactionId?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}");
                await context.Output.WriteLineAsync($"expired before {Time(result.ExpireMs)}: {expire}").ConfigureAwait(false);
                return;
            }

            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            DataExpirationResult plain = await opened.ExpireDataAsync(cancellationToken: ct).ConfigureAwait(false);
            expire = Invariant($"{plain.DataFiles} data files ({plain.Rows} rows) and {plain.DeleteFiles} delete files removed in snapshot {plain.SnapshotId?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}");
            await context.Output.WriteLineAsync($"expired before {Time(plain.ExpireMs)}: {expire}").ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateTag()
    {
        var table = new TableOptions();
        var name = new Argument<string>("NAME") { Description = "The tag's name." };
        var snapshot = new Option<long?>("--snapshot") { Description = "The snapshot to tag (default: the current one; of the base store for a primary-key table)." };
        var command = new Command("create-tag", "Tag a snapshot so snapshot expiry keeps it.") { snapshot };
        table.AddTo(command);
        command.Arguments.Add(name);
        command.SetHandler(async (parse, context, ct) =>
        {
            IcebergTable target = await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false) is PrimaryKeyTable primaryKey
                ? primaryKey.BaseTable
                : await table.OpenAsync(parse, ct).ConfigureAwait(false);
            long id = await target.CreateTagAsync(parse.GetValue(name)!, parse.GetValue(snapshot), cancellationToken: ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync(Invariant($"tag {parse.GetValue(name)} -> snapshot {id}")).ConfigureAwait(false);
        });
        return command;
    }

    private static Task WriteAsync(TextWriter output, string prefix, ExpireSnapshotsResult result) =>
        output.WriteLineAsync(Invariant($"{prefix}{result.ExpiredSnapshotIds.Count} snapshots expired{Refs(result.ExpiredRefs)}; {Describe(result.Files)}"));

    private static Task WriteAsync(TextWriter output, string prefix, OrphanFilesResult result, bool dryRun)
    {
        var text = new System.Text.StringBuilder(Invariant($"{prefix}{result.Listed} files listed; "));
        text.Append(dryRun ? Invariant($"would delete {result.Files.Files} files, {result.Files.Bytes} bytes") : Describe(result.Files));
        foreach (string file in dryRun ? result.Files.Deleted : [])
        {
            text.Append('\n').Append("  ").Append(file);
        }

        return output.WriteLineAsync(text.ToString());
    }

    private static Task WriteAsync(TextWriter output, string prefix, DanglingDeletesResult result) =>
        output.WriteLineAsync(Invariant($"{prefix}{result.PositionDeleteFiles} position and {result.EqualityDeleteFiles} equality delete files removed in snapshot {result.SnapshotId?.ToString(CultureInfo.InvariantCulture) ?? "(none)"}"));

    private static string Describe(FileRemoval files)
    {
        string kinds = string.Join(", ", files.ByKind.OrderBy(k => k.Key).Select(k => Invariant($"{k.Value.Files} {Name(k.Key)}")));
        string text = Invariant($"{files.Files} files deleted ({files.Bytes} bytes){(kinds.Length > 0 ? ": " + kinds : "")}");
        return files.Failed == 0 ? text : Invariant($"{text}; {files.Failed} could not be deleted (left for orphan cleaning), first: {files.FirstFailure}");
    }

    private static string Name(TableFileKind kind) => kind switch
    {
        TableFileKind.Data => "data",
        TableFileKind.PositionDeletes => "position delete",
        TableFileKind.EqualityDeletes => "equality delete",
        TableFileKind.Manifest => "manifest",
        TableFileKind.ManifestList => "manifest list",
        TableFileKind.Statistics => "statistics",
        TableFileKind.Metadata => "metadata",
        _ => "other",
    };

    private static string Refs(IReadOnlyList<string> refs) => refs.Count == 0 ? "" : $", refs removed: {string.Join(", ", refs)}";

    private static string Time(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time)
            ? time
            : throw new FloeException(FloeErrorKind.InvalidArgument, $"--older-than '{ErrorText.Excerpt(text)}' is not a time; use ISO 8601, e.g. 2026-01-02T03:04:05Z.");
}
