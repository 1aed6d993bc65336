using System.Net;
using System.Text.Json;

namespace Floe.Server.Tests.Rest;

/// <summary>A REST response: status, content type, ETag and the parsed JSON body (if any).</summary>
internal sealed record RestReply(HttpStatusCode Status, string? ContentType, string? ETag, JsonElement? Body, string Text)
{
    public JsonElement Json => Body ?? throw new InvalidOperationException($"The {(int)Status} response has no JSON body: '{Text}'.");

    public string ErrorType => Json.GetProperty("error").GetProperty("type").GetString()!;

    public string ErrorMessage => Json.GetProperty("error").GetProperty("message").GetString()!;

    /// <summary>Asserts the status and returns this reply for chaining.</summary>
    public RestReply Is(HttpStatusCode status)
    {
        Assert.True(status == Status, $"Expected {(int)status} but got {(int)Status}: {Text}");
        return this;
    }

    /// <summary>Asserts an Iceberg error response: status, body code and type, JSON content type.</summary>
    public RestReply IsError(HttpStatusCode status, string type)
    {
        Is(status);
        Assert.Equal("application/json", ContentType);
        var error = Json.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal((int)status, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        Assert.Equal(3, error.EnumerateObject().Count());
        return this;
    }
}
