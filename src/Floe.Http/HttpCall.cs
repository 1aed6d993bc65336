using System.Text.Json;

namespace Floe.Http;

/// <summary>One request: method, path relative to the client's base address, an optional JSON body and how to treat failure.</summary>
public sealed record HttpCall(HttpMethod Method, string Path)
{
    /// <summary>Writes the JSON body; null sends none.</summary>
    public Action<Utf8JsonWriter>? Json { get; init; }

    /// <summary>A JSON body already serialized (by a generated serializer); used when <see cref="Json"/> is null.</summary>
    public ReadOnlyMemory<byte>? JsonBytes { get; init; }

    /// <summary>Headers of this call only (an optimizer token), besides the client's.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>How long an attempt of this call may take (a long poll); null for the client's <see cref="FloeHttpClient.Timeout"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A form body (<c>application/x-www-form-urlencoded</c>) instead of JSON.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Form { get; init; }

    /// <summary>Whether repeating the call is harmless; by default GET, HEAD, PUT and DELETE are.</summary>
    public bool? Idempotent { get; init; }

    /// <summary>
    /// A commit: when it fails on the server's side (5xx) or its answer is lost, it may have been stored, so the failure
    /// is <see cref="Common.Errors.FloeErrorKind.CommitStateUnknown"/>.
    /// </summary>
    public bool IsCommit { get; init; }

    /// <summary>What the call does, for messages (<c>load table db.t</c>); defaults to method and path.</summary>
    public string? What { get; init; }

    internal bool IsIdempotent => Idempotent ?? (Method == HttpMethod.Get || Method == HttpMethod.Head || Method == HttpMethod.Put || Method == HttpMethod.Delete);

    internal string Describe => What ?? $"{Method} {Path}";
}
