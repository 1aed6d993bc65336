namespace Floe.Catalog;

/// <summary>
/// A catalog that reports the commits made through it: once a commit to a table stands, <see cref="TableCommitted"/>
/// names the table (a primary-key table by its own name, whichever of its stores changed). Commits other processes
/// make straight to storage or to the metastore are not seen.
/// </summary>
public interface ICommitObservable
{
    /// <summary>Raised on the committing thread after the commit; handlers must be quick and must not throw.</summary>
    event Action<TableIdentifier>? TableCommitted;
}
