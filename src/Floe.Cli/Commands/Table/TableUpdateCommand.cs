using System.CommandLine;
using Floe.Common.Columnar;
using Floe.Common.Errors;
using Floe.Core.Schemas;
using Floe.PrimaryKeys;
using Floe.PrimaryKeys.Writing;
using Floe.Sql;
using Floe.Table.Operations;
using Floe.Table.RowLevel;

namespace Floe.Cli.Commands.Table;

/// <summary>
/// <c>floe table update ns.tbl --set 'col = expr' [--set ...] --where ...</c>: sets columns of the matching rows to
/// values computed from the old row. Plain Iceberg tables follow <c>write.update.mode</c>; primary-key tables write
/// update-before/update-after changes (their key columns cannot be set).
/// </summary>
internal static class TableUpdateCommand
{
    public static Command Create()
    {
        var table = new TableOptions();
        Option<string?> where = TableScanCommand.WhereOption();
        where.Required = true;
        var set = new Option<string[]>("--set")
        {
            Description = "An assignment 'column = expression' (arithmetic + - * / %, cast(x as type), other columns); repeat for more.",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("update", "Set columns of the rows matching a filter.") { set, where };
        table.AddTo(command);
        command.SetHandler(async (parse, context, ct) =>
        {
            if (await table.OpenPrimaryKeyAsync(parse, ct).ConfigureAwait(false) is { } keyed)
            {
                (Assignment[] keyedSet, RowPredicate keyedWhere) = Parse(parse, set, where, keyed.Schema);
                await UpdateByKeyAsync(keyed, keyedSet, keyedWhere, context, ct).ConfigureAwait(false);
                return;
            }

            IcebergTable opened = await table.OpenAsync(parse, ct).ConfigureAwait(false);
            (Assignment[] assignments, RowPredicate condition) = Parse(parse, set, where, opened.Schema);
            RowLevelResult result = await opened.UpdateWhereAsync(assignments, condition, ct).ConfigureAwait(false);
            await context.Output.WriteLineAsync(TableDeleteCommand.Describe("updated", result)).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The --set assignments and the --where condition, checked against the table's schema.</summary>
    private static (Assignment[] Assignments, RowPredicate Condition) Parse(ParseResult parse, Option<string[]> set, Option<string?> where, Schema schema) =>
        ([.. parse.GetValue(set)!.Select(text => SqlAssignment.Parse(text, schema, "--set"))], SqlFilter.ParseCondition(parse.GetValue(where)!, schema, "--where"));

    private static async Task UpdateByKeyAsync(PrimaryKeyTable table, Assignment[] assignments, RowPredicate condition, CommandContext context, CancellationToken ct)
    {
        var updater = new RowUpdater(table.Schema, table.Schema, assignments);
        if (table.PrimaryKey.Fields.FirstOrDefault(f => updater.AssignedIds.Contains(f.Id)) is { } key)
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, $"Cannot set primary-key column '{key.Name}' of table {table.Name}: delete the row and upsert the new one.");
        }

        long rows = 0;
        ChangeWriter writer = table.NewChangeWriter();
        await using (writer.ConfigureAwait(false))
        {
            await foreach (ColumnBatch before in table.ReadMatchingAsync(condition, ct).ConfigureAwait(false))
            {
                using (before)
                {
                    using ColumnBatch after = updater.Apply(before, [.. Enumerable.Range(0, before.RowCount)]);
                    await writer.UpdateAsync(before, after, ct).ConfigureAwait(false);
                    rows += before.RowCount;
                }
            }

            await context.Output.WriteLineAsync(TableDeleteCommand.Committed(new ChangeWriteResult(rows, await writer.CommitAsync(ct).ConfigureAwait(false)), "updated")).ConfigureAwait(false);
        }
    }
}
