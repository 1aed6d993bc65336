using Floe.Core.IO;
using Floe.Core.Metadata;
using Floe.Table.Operations;

namespace Floe.TestKit;

/// <summary>
/// A process that dies at its Nth step (1-based; 0 never dies). Every listing, file creation, delete and catalog
/// commit through <see cref="DyingFileIO"/> or <see cref="DyingOperations"/> is a step; a commit is two, one before it
/// reaches the catalog and one after it landed. The step at N throws, and so does every step after it: a dead
/// process lists, writes, deletes and commits nothing more. Reads are not steps, so a failure never hides data.
/// </summary>
public sealed class ProcessDeath(int dieAt = 0)
{
    private int _steps;

    /// <summary>Steps taken (or attempted) so far; a run with <c>dieAt = 0</c> counts how many an action has.</summary>
    public int Steps => Volatile.Read(ref _steps);

    public bool Died => dieAt > 0 && Steps >= dieAt;

    internal void Step(string what)
    {
        int step = Interlocked.Increment(ref _steps);
        if (dieAt > 0 && step >= dieAt)
        {
            throw new IOException($"Injected process death at step {step} ({what}).");
        }
    }
}

/// <summary>File IO whose listings, creations and deletes are steps of a <see cref="ProcessDeath"/>.</summary>
public sealed class DyingFileIO(IFileIO inner, ProcessDeath death) : IFileIO
{
    public InputFile NewInputFile(string location) => inner.NewInputFile(location);

    public OutputFile NewOutputFile(string location) => new DyingOutputFile(death, inner.NewOutputFile(location));

    public ValueTask<bool> ExistsAsync(string location, CancellationToken cancellationToken = default) => inner.ExistsAsync(location, cancellationToken);

    public ValueTask DeleteAsync(string location, CancellationToken cancellationToken = default)
    {
        death.Step($"delete {location}");
        return inner.DeleteAsync(location, cancellationToken);
    }

    public IAsyncEnumerable<FileEntry> ListPrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        death.Step($"list {prefix}");
        return inner.ListPrefixAsync(prefix, cancellationToken);
    }

    private sealed class DyingOutputFile(ProcessDeath death, OutputFile inner) : OutputFile(inner.Location)
    {
        public override ValueTask<Stream> CreateAsync(CancellationToken cancellationToken = default)
        {
            death.Step($"create {Location}");
            return inner.CreateAsync(cancellationToken);
        }

        public override ValueTask<Stream> CreateOrOverwriteAsync(CancellationToken cancellationToken = default)
        {
            death.Step($"overwrite {Location}");
            return inner.CreateOrOverwriteAsync(cancellationToken);
        }

        public override InputFile ToInputFile() => inner.ToInputFile();
    }
}

/// <summary>Table operations whose file IO and commits are steps of a <see cref="ProcessDeath"/>.</summary>
public sealed class DyingOperations(ITableOperations inner, ProcessDeath death) : ITableOperations
{
    public IFileIO Io { get; } = new DyingFileIO(inner.Io, death);

    public TableMetadata Current => inner.Current;

    public Task<TableMetadata> RefreshAsync(CancellationToken cancellationToken = default) => inner.RefreshAsync(cancellationToken);

    public async Task<TableMetadata> CommitAsync(TableMetadata baseMetadata, TableMetadata updated, CancellationToken cancellationToken = default)
    {
        death.Step("before commit");
        TableMetadata committed = await inner.CommitAsync(baseMetadata, updated, cancellationToken).ConfigureAwait(false);
        death.Step("after commit");
        return committed;
    }
}
