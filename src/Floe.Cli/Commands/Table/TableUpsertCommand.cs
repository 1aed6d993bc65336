using System.CommandLine;
using System.Globalization;
using Floe.Common.Errors;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Writing;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// <c>floe table upsert ns.tbl FILE</c>: inserts or replaces the rows of a CSV, JSON lines or Parquet file by primary
/// key, as one change transaction. Nothing is committed when any row fails to parse or has a null key.
/// </summary>
internal static class TableUpsertCommand
{
    public static Command Create()
    {
        var table = new TableOptions();
        var file = new Argument<FileInfo>("FILE") { Description = "The rows to upsert: .csv, .jsonl/.json/.ndjson or .parquet." };
        var format = new Option<TableAppendCommand.InputFormat?>("--input-format") { Description = "csv, jsonl or parquet (default: from the file extension)." };
        var command = new Command("upsert", "Insert or replace rows of a primary-key table by key, in one transaction.") { format };
        table.AddTo(command);
        command.Arguments.Add(file);
        command.SetHandler(async (parse, context, ct) =>
        {
            FileInfo input = parse.GetValue(file)!;
            TableAppendCommand.InputFormat inputFormat = parse.GetValue(format) ?? TableAppendCommand.FormatOf(input);
            PrimaryKeyTable opened = await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false)
                ?? throw new FloeException(FloeErrorKind.InvalidArgument, $"Table {table.Identifier(parse)} has no primary key: upsert needs one (use 'floe table append').");
            if (!input.Exists)
            {
                throw new FloeException(FloeErrorKind.NotFound, $"Input file '{input.FullName}' does not exist.");
            }

            ChangeWriteResult result = await opened.UpsertAsync(TableAppendCommand.ReadAsync(input, inputFormat, opened.Schema, ct), ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync(result.Commit is not { } commit
                ? "no rows to upsert; nothing committed"
                : string.Create(CultureInfo.InvariantCulture, $"upserted {result.Rows} rows in {commit.FileCount} change files; transaction {commit.TransactionId}, snapshot {commit.SnapshotId}")).ConfigureAwait(false);
        });
        return command;
    }
}
