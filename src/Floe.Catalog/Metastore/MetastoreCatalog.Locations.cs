using System.Data.Common;
using Floe.Catalog.Metastore.Sql;
using Floe.Common.Errors;
using Floe.Core.IO;

namespace Floe.Catalog.Metastore;

/// <summary>
/// No two tables of a catalog share files: a table's location may not be another table's location, lie inside it,
/// or contain it. The check reads only the rows whose location is the new location, one of its parents, or starts
/// with it, so it stays cheap in a catalog of many tables.
/// </summary>
public sealed partial class MetastoreCatalog
{
    /// <summary>Throws InvalidArgument when another table's location overlaps <paramref name="location"/>.</summary>
    private async Task RequireOwnLocationAsync(
        DbConnection connection,
        DbTransaction? transaction,
        TableIdentifier identifier,
        string location,
        CancellationToken cancellationToken)
    {
        string normalized = LocationPaths.Normalize(location);
        var parameters = new List<(string Name, object? Value)> { ("catalog", Record.Name), ("prefix", normalized + "/"), ("length", normalized.Length + 1) };
        var names = new List<string>();
        foreach (string ancestor in LocationPaths.SelfAndAncestors(normalized))
        {
            foreach (string form in new[] { ancestor, ancestor + "/" })
            {
                names.Add($"@a{names.Count}");
                parameters.Add(($"a{names.Count - 1}", form));
            }
        }

        var rows = await SqlCommands.QueryAsync(connection, transaction,
            $"SELECT namespace, table_name, location FROM tables WHERE catalog_name = @catalog AND (location IN ({string.Join(", ", names)}) OR substr(location, 1, @length) = @prefix)",
            reader => (Namespace: NamespaceKey.Decode(reader.GetString(0)), Name: reader.GetString(1), Location: reader.GetString(2)),
            cancellationToken, [.. parameters]).ConfigureAwait(false);
        foreach (var row in rows)
        {
            var other = new TableIdentifier(row.Namespace, row.Name);
            if (!other.Equals(identifier) && LocationPaths.Overlap(row.Location, normalized))
            {
                throw new FloeException(FloeErrorKind.InvalidArgument,
                    $"Cannot place table {identifier} at '{location}': it overlaps the location {row.Location} of table {other}.");
            }
        }
    }

    private Task RequireOwnLocationAsync(TableIdentifier identifier, string location, CancellationToken cancellationToken) =>
        ReadAsync($"check the location of table {identifier}", async connection =>
        {
            await RequireOwnLocationAsync(connection, null, identifier, location, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
