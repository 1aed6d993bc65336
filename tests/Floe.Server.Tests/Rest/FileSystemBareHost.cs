using Floe.Catalog;
using Floe.Catalog.FileSystem;

namespace Floe.Server.Tests.Rest;

/// <summary>The bare host over filesystem catalogs (one table per transaction).</summary>
public sealed class FileSystemBareHost : BareHostBackend
{
    public override bool SupportsMultiTableCommit => false;

    protected override Task<ICatalog> CreateCatalogAsync(string name, string warehouse) =>
        Task.FromResult<ICatalog>(new FileSystemCatalog(warehouse, name));
}
