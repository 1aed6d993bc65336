namespace Floe.Common.Caching;

/// <summary>A byte-bounded cache seen without its key and value types: its bound and its figures.</summary>
public interface IBoundedCache
{
    /// <summary>The most the entries may weigh together; zero turns the cache off.</summary>
    long MaxBytes { get; set; }

    /// <summary>What the entries weigh together.</summary>
    long Bytes { get; }

    int Count { get; }

    long Hits { get; }

    long Misses { get; }
}
