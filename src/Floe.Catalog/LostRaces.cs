namespace Floe.Catalog;

/// <summary>
/// How often a catalog re-plans a commit that carries requirements after another commit won the swap: the
/// requirements are checked again on the new metadata each time, so a re-plan never hides a real conflict. This is
/// the only retry inside a catalog; the REST handler adds none, and conflicts that reach a writer are retried by its
/// table committer (<c>commit.retry.*</c>).
/// </summary>
internal static class LostRaces
{
    public const int MaxAttempts = 64;
}
