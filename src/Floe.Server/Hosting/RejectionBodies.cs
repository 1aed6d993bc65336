using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Floe.Server.Rest;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Floe.Server.Hosting;

/// <summary>
/// Gives the responses Kestrel sends on its own, for requests it refuses before any middleware runs (a NUL byte or
/// another invalid character in the request line, headers over its limits), the Iceberg error body. Kestrel offers no
/// hook for them, so this connection step holds each flushed write, and a response that starts on a connection with
/// no request handed to the application since the last response, and that carries no body, is rewritten with one.
/// </summary>
internal static class RejectionBodies
{
    private const string RequestsKey = "floe.requests-seen";

    /// <summary>The connection step: wraps the transport's output.</summary>
    public static Func<ConnectionDelegate, ConnectionDelegate> Connection => next => async connection =>
    {
        IDuplexPipe transport = connection.Transport;
        var counter = new RequestCounter();
        connection.Items[RequestsKey] = counter;
        connection.Transport = new Pipe(transport.Input, new GuardedWriter(transport.Output, counter));
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            connection.Transport = transport;
        }
    };

    /// <summary>The first application step: counts the requests that reached the application.</summary>
    public static Task CountAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(RequestsKey, out object? value) == true && value is RequestCounter counter)
        {
            Interlocked.Increment(ref counter.Seen);
        }

        return next(context);
    }

    /// <summary>The Iceberg error body for a bare response head; null when the head is not one Kestrel writes on its own.</summary>
    internal static byte[]? Rewrite(ReadOnlySpan<byte> head)
    {
        ReadOnlySpan<byte> end = "\r\n\r\n"u8;
        if (!head.StartsWith("HTTP/1.1 "u8) || head.Length < 12 || head.IndexOf(end) != head.Length - end.Length
            || head.IndexOf("\r\nContent-Length: 0\r\n"u8) < 0 || head.IndexOf("\r\nContent-Type:"u8) >= 0)
        {
            return null;
        }

        string text = Encoding.ASCII.GetString(head);
        if (!int.TryParse(text.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int status) || status < 400)
        {
            return null;
        }

        int lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
        string reason = lineEnd > 13 ? text[13..lineEnd] : "refused"; // the reason phrase after "HTTP/1.1 NNN "
        var body = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(body))
        {
            IcebergErrors.Write(writer, status, IcebergErrorTypes.BadRequest,
                $"The request was refused before it could be read: {reason} (an invalid character such as NUL in the request line, or a request line or headers over the limit).");
        }

        string rewritten = text.Replace("\r\nContent-Length: 0\r\n", $"\r\nContent-Type: application/json\r\nContent-Length: {body.WrittenCount}\r\n", StringComparison.Ordinal);
        return [.. Encoding.ASCII.GetBytes(rewritten), .. body.WrittenSpan];
    }

    private sealed class RequestCounter
    {
        public int Seen;
        public int Responses;
    }

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }

    /// <summary>Holds written bytes until a flush, then passes them on (rewriting a bare rejection head).</summary>
    private sealed class GuardedWriter(PipeWriter inner, RequestCounter counter) : PipeWriter
    {
        private ArrayBufferWriter<byte> _held = new();

        public override void Advance(int bytes) => _held.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => _held.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _held.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null)
        {
            Pass();
            inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            Pass();
            await inner.CompleteAsync(exception).ConfigureAwait(false);
        }

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            Pass();
            return inner.FlushAsync(cancellationToken);
        }

        private void Pass()
        {
            if (_held.WrittenCount == 0)
            {
                return;
            }

            ReadOnlySpan<byte> written = _held.WrittenSpan;
            byte[]? rewritten = null;
            if (written.StartsWith("HTTP/1.1 "u8))
            {
                // A response the application did not make: more responses started than requests reached it.
                if (++counter.Responses > Volatile.Read(ref counter.Seen))
                {
                    rewritten = Rewrite(written);
                    counter.Seen = counter.Responses;
                }
            }

            inner.Write(rewritten ?? written);
            if (_held.Capacity > 1 << 20)
            {
                _held = new(); // a large response once does not pin its buffer for the connection's life
            }
            else
            {
                _held.ResetWrittenCount();
            }
        }
    }
}
