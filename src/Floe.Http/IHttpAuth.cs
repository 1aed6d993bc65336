namespace Floe.Http;

/// <summary>How a request proves who sends it; called before every attempt, so a token can be refreshed between retries.</summary>
public interface IHttpAuth
{
    /// <summary>Sets the request's credentials (an <c>Authorization</c> header).</summary>
    ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets a cached credential the server refused, so the next request fetches a fresh one; false when the
    /// credential is fixed, so repeating the request would only be refused again.
    /// </summary>
    bool Invalidate();
}
