using Floe.Catalog;
using Floe.Catalog.Metastore;
using Floe.Contracts.Management;
using Floe.Core.Metadata;
using Floe.Server.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Floe.Server.Management;

/// <summary>
/// Namespaces and tables of one catalog. A namespace in a path is its dotted form (<c>sales.eu</c>); each table
/// comes with its format and <see cref="TableSummary"/>.
/// </summary>
internal static class TableEndpoints
{
    /// <summary>Every namespace of the catalog, depth first, as arrays of levels.</summary>
    public static async Task ListNamespacesAsync(HttpContext context)
    {
        ICatalog catalog = await CatalogAsync(context).ConfigureAwait(false);
        var namespaces = new List<Namespace>();
        var pending = new Stack<Namespace>();
        pending.Push(Namespace.Empty);
        while (pending.Count > 0)
        {
            Namespace parent = pending.Pop();
            IReadOnlyList<Namespace> children = await catalog.ListNamespacesAsync(parent, context.RequestAborted).ConfigureAwait(false);
            for (int i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }

            if (!parent.IsEmpty)
            {
                namespaces.Add(parent);
            }
        }

        var answer = new NamespaceList { Namespaces = [.. namespaces.Select(n => n.Levels)] };
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, answer, ManagementJson.Contract.NamespaceList).ConfigureAwait(false);
    }

    /// <summary>The namespace's tables with their summaries.</summary>
    public static async Task ListTablesAsync(HttpContext context)
    {
        ICatalog catalog = await CatalogAsync(context).ConfigureAwait(false);
        Namespace @namespace = Namespace.Parse(CatalogEndpoints.Route(context, "namespace"));
        IReadOnlyList<TableIdentifier> identifiers = await catalog.ListTablesAsync(@namespace, context.RequestAborted).ConfigureAwait(false);
        var tables = new List<TableEntry>(identifiers.Count);
        foreach (TableIdentifier identifier in identifiers)
        {
            TableMetadata metadata;
            try
            {
                metadata = (await catalog.LoadTableAsync(identifier, context.RequestAborted).ConfigureAwait(false)).Metadata;
            }
            catch (Common.Errors.FloeException e) when (e.Kind == Common.Errors.FloeErrorKind.NotFound)
            {
                continue; // Dropped between the listing and the load.
            }

            var summary = TableSummary.Of(metadata, await FormatAsync(catalog, identifier, context.RequestAborted).ConfigureAwait(false));
            tables.Add(new TableEntry
            {
                Name = identifier.Name,
                Format = summary.Format,
                Location = summary.Location,
                MetadataLocation = summary.MetadataLocation,
                FormatVersion = summary.FormatVersion,
                Summary = summary.Totals,
            });
        }

        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, new TableList { Tables = tables }, ManagementJson.Contract.TableList).ConfigureAwait(false);
    }

    /// <summary>One table: its summary, properties and recent snapshots.</summary>
    public static async Task GetTableAsync(HttpContext context)
    {
        ICatalog catalog = await CatalogAsync(context).ConfigureAwait(false);
        Namespace @namespace = Namespace.Parse(CatalogEndpoints.Route(context, "namespace"));
        var identifier = new TableIdentifier(@namespace, CatalogEndpoints.Route(context, "table"));
        TableMetadata metadata = (await catalog.LoadTableAsync(identifier, context.RequestAborted).ConfigureAwait(false)).Metadata;
        var summary = TableSummary.Of(metadata, await FormatAsync(catalog, identifier, context.RequestAborted).ConfigureAwait(false));
        var answer = new TableDetail
        {
            Catalog = catalog.Name,
            Namespace = @namespace.Levels,
            Name = identifier.Name,
            Format = summary.Format,
            Location = summary.Location,
            MetadataLocation = summary.MetadataLocation,
            FormatVersion = summary.FormatVersion,
            Summary = summary.Totals,
            Properties = ManagementJson.Sorted(metadata.Properties),
            Snapshots =
            [
                .. metadata.Snapshots.OrderByDescending(s => s.TimestampMs).Take(20)
                    .Select(s => new SnapshotEntry { SnapshotId = s.SnapshotId, TimestampMs = s.TimestampMs, Operation = s.Operation }),
            ],
        };
        await ManagementJson.WriteAsync(context, StatusCodes.Status200OK, answer, ManagementJson.Contract.TableDetail).ConfigureAwait(false);
    }

    /// <summary>The format the metastore records; null for catalogs that keep none (the metadata decides then).</summary>
    private static async Task<string?> FormatAsync(ICatalog catalog, TableIdentifier identifier, CancellationToken cancellationToken)
    {
        if (catalog is not MetastoreCatalog metastore)
        {
            return null;
        }

        TableFormat format = await metastore.LoadTableFormatAsync(identifier, cancellationToken).ConfigureAwait(false);
        return format == TableFormat.PrimaryKey ? "mixed" : "iceberg";
    }

    private static async Task<ICatalog> CatalogAsync(HttpContext context)
    {
        string name = CatalogEndpoints.Route(context, "catalog");
        RequestAccess.RequireCatalog(context, name);
        var registry = context.RequestServices.GetRequiredService<Hosting.ServerCatalogRegistry>();
        return await registry.GetAsync(name, context.RequestAborted).ConfigureAwait(false);
    }
}
