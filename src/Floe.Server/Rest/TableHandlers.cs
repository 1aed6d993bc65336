using Floe.Catalog;
using Floe.Common.Errors;
using Floe.Core.Metadata;
using Floe.Core.Properties;
using Floe.PrimaryKeys;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Rest;

/// <summary>
/// The table routes other than commits: list, create (and stage-create), load, exists, drop, rename and register.
/// Load and exists also reach the change store of a primary-key table (<see cref="RestTables"/>); a create request
/// whose properties name the primary key creates a primary-key table.
/// </summary>
internal static class TableHandlers
{
    public static async Task ListAsync(RestCall call)
    {
        var @namespace = call.Namespace();
        var paging = Paging.FromQuery(call.Http.Request, call.Options);
        var all = await call.Catalog.ListTablesAsync(@namespace, call.Aborted).ConfigureAwait(false);
        var (page, next) = paging.Apply(all, t => t.Name);
        await RestResponse.WriteJsonAsync(call.Http, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("identifiers");
            foreach (var table in page)
            {
                TableIdentifierJson.Write(writer, table);
            }

            writer.WriteEndArray();
            NamespaceHandlers.WriteNextPageToken(writer, next);
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    public static async Task CreateAsync(RestCall call)
    {
        var @namespace = call.Namespace();
        CreateTableRequest request;
        using (var body = await call.ReadBodyAsync("create table request").ConfigureAwait(false))
        {
            request = CreateTableRequest.Parse(body.Root);
        }

        var identifier = new TableIdentifier(@namespace, request.Name);
        RestTables.RequireTableName(identifier, "create");
        if (request.Location is { } location)
        {
            await call.RequireInsideWarehouseAsync(location, "table location").ConfigureAwait(false);
        }

        if (!await call.Catalog.NamespaceExistsAsync(@namespace, call.Aborted).ConfigureAwait(false))
        {
            throw IcebergRestException.NoSuchNamespace($"Cannot create table {identifier}: namespace {@namespace} does not exist.");
        }

        TableMetadata metadata;
        if (request.Properties.TryGetValue(PrimaryKeyProperties.PrimaryKeyFields.Key, out string? keyFields))
        {
            metadata = await CreatePrimaryKeyTableAsync(call, identifier, request, keyFields).ConfigureAwait(false);
        }
        else if (request.StageCreate)
        {
            // Nothing is stored: the client commits the table later with assert-create and these metadata as updates.
            if (await call.Catalog.TableExistsAsync(identifier, call.Aborted).ConfigureAwait(false))
            {
                throw new FloeException(FloeErrorKind.AlreadyExists, $"Table {identifier} already exists.");
            }

            string tableLocation = request.Location ?? await call.Catalog.DefaultTableLocationAsync(identifier, call.Aborted).ConfigureAwait(false);
            metadata = NewTable.Create(request.Schema, request.Spec, request.WriteOrder, tableLocation, request.Properties);
        }
        else
        {
            metadata = await call.Catalog.CreateTableAsync(
                identifier, request.Schema, request.Spec, request.WriteOrder, request.Properties, request.Location, call.Aborted).ConfigureAwait(false);
        }

        await LoadTableResult.WriteAsync(call.Http, metadata).ConfigureAwait(false);
    }

    /// <summary>Both stores, as the catalog creates them; the answer is the base store, which the table's name loads.</summary>
    private static async Task<TableMetadata> CreatePrimaryKeyTableAsync(RestCall call, TableIdentifier identifier, CreateTableRequest request, string keyFields)
    {
        string? refused = request.StageCreate ? "cannot be stage-created"
            : request.Location is not null ? "are placed by the catalog and take no location"
            : request.WriteOrder is { IsUnsorted: false } ? "are laid out by key hash and take no write order"
            : null;
        if (refused is not null)
        {
            throw IcebergRestException.BadRequest($"Cannot create table {identifier}: primary-key tables ({PrimaryKeyProperties.PrimaryKeyFields.Key}) {refused}.");
        }

        string[] key = keyFields.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        PrimaryKeyTable created = await call.Catalog.CreatePrimaryKeyTableAsync(
            identifier, request.Schema, key, request.Spec, request.Properties, call.Aborted).ConfigureAwait(false);
        return created.BaseTable.Metadata;
    }

    public static async Task LoadAsync(RestCall call)
    {
        var identifier = call.Table();
        bool refsOnly = call.Query("snapshots") switch
        {
            null or "all" => false,
            "refs" => true,
            var other => throw IcebergRestException.BadRequest($"Invalid snapshots '{other}': expected 'all' or 'refs'."),
        };

        var metadata = await RestTables.LoadAsync(call.Catalog, identifier, call.Aborted).ConfigureAwait(false);
        if (LoadTableResult.ETag(metadata, refsOnly) is { } etag)
        {
            call.Http.Response.Headers.ETag = etag;
            if (LoadTableResult.Matches(call.Http.Request.Headers.IfNoneMatch, etag))
            {
                call.Http.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        await LoadTableResult.WriteAsync(call.Http, metadata, refsOnly).ConfigureAwait(false);
    }

    public static async Task ExistsAsync(RestCall call)
    {
        var identifier = call.Table();
        if (!await RestTables.ExistsAsync(call.Catalog, identifier, call.Aborted).ConfigureAwait(false))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Table {identifier} does not exist.");
        }

        await RestResponse.NoContentAsync(call.Http).ConfigureAwait(false);
    }

    /// <summary>Drops a table; a primary-key table goes with both stores (and, with purge, the files of both).</summary>
    public static async Task DropAsync(RestCall call)
    {
        var identifier = call.Table();
        RestTables.RequireTableName(identifier, "drop");
        bool purge = call.Query("purgeRequested") switch
        {
            null => false,
            var text when bool.TryParse(text, out bool value) => value,
            var other => throw IcebergRestException.BadRequest($"Invalid purgeRequested '{other}': expected true or false."),
        };

        if (!await call.Catalog.DropTableAsync(identifier, purge, call.Aborted).ConfigureAwait(false))
        {
            throw new FloeException(FloeErrorKind.NotFound, $"Table {identifier} does not exist.");
        }

        await RestResponse.NoContentAsync(call.Http).ConfigureAwait(false);
    }

    public static async Task RenameAsync(RestCall call)
    {
        const string What = "rename table request";
        TableIdentifier source, destination;
        using (var body = await call.ReadBodyAsync(What).ConfigureAwait(false))
        {
            source = TableIdentifierJson.Read(JsonFields.Of(What).Object(body.Root, "source"), "source", What);
            destination = TableIdentifierJson.Read(JsonFields.Of(What).Object(body.Root, "destination"), "destination", What);
        }

        RestTables.RequireTableName(source, "rename");
        RestTables.RequireTableName(destination, "rename");

        if (!await call.Catalog.TableExistsAsync(source, call.Aborted).ConfigureAwait(false))
        {
            throw await MissingTableAsync(call, source).ConfigureAwait(false);
        }

        if (!await call.Catalog.NamespaceExistsAsync(destination.Namespace, call.Aborted).ConfigureAwait(false))
        {
            throw IcebergRestException.NoSuchNamespace($"Cannot rename table {source} to {destination}: namespace {destination.Namespace} does not exist.");
        }

        if (await call.Catalog.TableExistsAsync(destination, call.Aborted).ConfigureAwait(false))
        {
            throw new FloeException(FloeErrorKind.AlreadyExists, $"Cannot rename table {source}: table {destination} already exists.");
        }

        try
        {
            await call.Catalog.RenameTableAsync(source, destination, call.Aborted).ConfigureAwait(false);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.NotFound)
        {
            // Dropped or renamed concurrently.
            throw await MissingTableAsync(call, source).ConfigureAwait(false);
        }

        await RestResponse.NoContentAsync(call.Http).ConfigureAwait(false);
    }

    public static async Task RegisterAsync(RestCall call)
    {
        const string What = "register table request";
        var @namespace = call.Namespace();
        string name, location;
        bool overwrite;
        using (var body = await call.ReadBodyAsync(What).ConfigureAwait(false))
        {
            name = JsonFields.Of(What).String(body.Root, "name");
            location = JsonFields.Of(What).String(body.Root, "metadata-location");
            overwrite = JsonFields.Of(What).OptionalBool(body.Root, "overwrite", defaultValue: false);
        }

        var identifier = new TableIdentifier(@namespace, name);
        RestTables.RequireTableName(identifier, "register");
        await call.RequireInsideWarehouseAsync(location, "metadata-location").ConfigureAwait(false);
        if (!await call.Catalog.NamespaceExistsAsync(@namespace, call.Aborted).ConfigureAwait(false))
        {
            throw IcebergRestException.NoSuchNamespace($"Cannot register table {identifier}: namespace {@namespace} does not exist.");
        }

        TableMetadata metadata;
        try
        {
            metadata = await call.Catalog.RegisterTableAsync(identifier, location, overwrite, call.Aborted).ConfigureAwait(false);
        }
        catch (FloeException e) when (e.Kind == FloeErrorKind.NotFound)
        {
            throw IcebergRestException.BadRequest($"Cannot register table {identifier}: {e.Message}", e);
        }

        await LoadTableResult.WriteAsync(call.Http, metadata).ConfigureAwait(false);
    }

    private static async Task<IcebergRestException> MissingTableAsync(RestCall call, TableIdentifier table) =>
        await call.Catalog.NamespaceExistsAsync(table.Namespace, call.Aborted).ConfigureAwait(false)
            ? IcebergRestException.NoSuchTable($"Table {table} does not exist.")
            : IcebergRestException.NoSuchNamespace($"Namespace {table.Namespace} does not exist.");
}
