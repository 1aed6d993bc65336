using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Rest;

/// <summary>
/// A request body parsed as one JSON document, read into a pooled buffer no larger than the configured limit:
/// a larger body is refused (413) without being buffered; invalid UTF-8, malformed JSON and a key repeated in one
/// object are a 400 naming the problem. Every endpoint group reads its bodies here.
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;

    private RequestBody(byte[] buffer, JsonDocument document)
    {
        _buffer = buffer;
        Document = document;
    }

    public JsonDocument Document { get; }

    public JsonElement Root => Document.RootElement;

    public static async Task<RequestBody> ReadAsync(HttpContext context, long maxBytes, string what, CancellationToken cancellationToken)
    {
        long? declared = context.Request.ContentLength;
        if (declared > maxBytes)
        {
            throw TooLarge(what, maxBytes);
        }

        int limit = (int)Math.Min(maxBytes, Array.MaxLength - 1);
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(declared ?? 4096, 256, limit + 1L));
        try
        {
            int length = 0;
            var body = context.Request.Body;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        throw TooLarge(what, maxBytes);
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1L));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    throw TooLarge(what, maxBytes);
                }
            }

            if (length == 0)
            {
                throw IcebergRestException.BadRequest($"Invalid {what}: the request body is empty; a JSON object is expected.");
            }

            JsonDocument document = Parse(buffer.AsMemory(0, length), what);
            var result = new RequestBody(buffer, document);
            buffer = null!;
            return result;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The body as one JSON object: valid UTF-8 throughout, well-formed, each key once per object.</summary>
    private static JsonDocument Parse(ReadOnlyMemory<byte> memory, string what)
    {
        ReadOnlySpan<byte> bytes = memory.Span;
        if (!Utf8.IsValid(bytes))
        {
            throw IcebergRestException.BadRequest($"Invalid {what}: the body is not valid UTF-8 (byte {FirstInvalidUtf8(bytes)} starts an invalid sequence).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(memory, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException e)
        {
            throw IcebergRestException.BadRequest($"Malformed {what}: the body is not valid JSON: {e.Message}", e);
        }

        var kind = document.RootElement.ValueKind;
        if (kind != JsonValueKind.Object)
        {
            document.Dispose();
            throw IcebergRestException.BadRequest($"Invalid {what}: the body must be a JSON object, found {kind}.");
        }

        if (JsonDuplicateKeys.Find(document.RootElement) is var (key, path))
        {
            document.Dispose();
            throw IcebergRestException.BadRequest($"Invalid {what}: key {JsonSerializer.Serialize(key)} appears twice in {path}; a key may appear once per object.");
        }

        return document;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int offset = 0;
        while (offset < bytes.Length && Rune.DecodeFromUtf8(bytes[offset..], out _, out int length) == OperationStatus.Done)
        {
            offset += length;
        }

        return offset;
    }

    public void Dispose()
    {
        Document.Dispose();
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private static IcebergRestException TooLarge(string what, long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, IcebergErrorTypes.RequestTooLarge, $"The {what} body is larger than the limit of {maxBytes} bytes.");
}
