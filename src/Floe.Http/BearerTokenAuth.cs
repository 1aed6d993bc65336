using System.Net.Http.Headers;
using Floe.Common.Errors;

namespace Floe.Http;

/// <summary>A fixed bearer token (a Floe token secret, or any token the server accepts).</summary>
public sealed class BearerTokenAuth : IHttpAuth
{
    private readonly string _token;

    public BearerTokenAuth(string token)
    {
        _token = string.IsNullOrWhiteSpace(token)
            ? throw new FloeException(FloeErrorKind.InvalidArgument, "A bearer token must not be empty.")
            : token.Trim();
    }

    public ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        return ValueTask.CompletedTask;
    }

    public bool Invalidate() => false;
}
