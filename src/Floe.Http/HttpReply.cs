using System.Text.Json;

namespace Floe.Http;

/// <summary>An answer: its status and body bytes.</summary>
public sealed class HttpReply(int status, byte[] body)
{
    public int Status { get; } = status;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The body as JSON (the caller disposes it).</summary>
    public JsonDocument Json() => JsonDocument.Parse(Body);
}
