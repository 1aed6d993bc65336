using System.Buffers;
using System.Text.Unicode;
using Floe.Common.Errors;

namespace Floe.Cli.Input;

/// <summary>
/// Reads the lines of UTF-8 input (CSV, JSON lines) from a stream. Unlike a <see cref="StreamReader"/> it never
/// replaces bytes that are not UTF-8 with U+FFFD: each becomes an <see cref="InvalidText"/> marker, so the value that
/// holds it is refused naming its line and column. A UTF-8 byte order mark is skipped; lines end at \n, \r\n or \r.
/// Only whole lines can be read.
/// </summary>
public sealed class Utf8LineReader : TextReader
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[] _buffer = new byte[64 * 1024];
    private char[] _chars = new char[1024];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _begun;

    public Utf8LineReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    public override string? ReadLine()
    {
        string? line;
        while (!TryTakeLine(out line))
        {
            Compact();
            Filled(_stream.Read(_buffer, _end, _buffer.Length - _end));
        }

        return line;
    }

    public override Task<string?> ReadLineAsync() => ReadLineAsync(CancellationToken.None).AsTask();

    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        string? line;
        while (!TryTakeLine(out line))
        {
            Compact();
            Filled(await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false));
        }

        return line;
    }

    public override int Read() => throw new NotSupportedException("Utf8LineReader reads whole lines only.");

    public override int Peek() => throw new NotSupportedException("Utf8LineReader reads whole lines only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    // False when the buffer holds no complete line yet and more input may follow.
    private bool TryTakeLine(out string? line)
    {
        line = null;
        if (!_begun && !TryBegin())
        {
            return false;
        }

        ReadOnlySpan<byte> pending = _buffer.AsSpan(_start, _end - _start);
        int end = pending.IndexOfAny((byte)'\n', (byte)'\r');
        if (end < 0 || (pending[end] == '\r' && end + 1 == pending.Length && !_eof))
        {
            if (!_eof)
            {
                return false;
            }

            if (pending.IsEmpty)
            {
                return true;
            }

            end = pending.Length;
        }

        line = Decode(pending[..end]);
        int terminator = end == pending.Length ? 0 : pending[end] == '\r' && end + 1 < pending.Length && pending[end + 1] == '\n' ? 2 : 1;
        _start += end + terminator;
        return true;
    }

    // Skips a UTF-8 byte order mark and refuses UTF-16 and UTF-32 input, once three bytes (or all) are in.
    private bool TryBegin()
    {
        ReadOnlySpan<byte> head = _buffer.AsSpan(_start, _end - _start);
        if (head.Length < 3 && !_eof)
        {
            return false;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _start += 3;
        }
        else if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE]))
        {
            throw new FloeException(FloeErrorKind.InvalidArgument, "The input starts with a UTF-16 or UTF-32 byte order mark; CSV and JSON lines input must be UTF-8.");
        }

        _begun = true;
        return true;
    }

    private string Decode(ReadOnlySpan<byte> bytes)
    {
        if (_chars.Length < bytes.Length)
        {
            _chars = new char[Math.Max(bytes.Length, _chars.Length * 2)];
        }

        // UTF-8 never decodes to more chars than bytes, and each invalid byte becomes one marker char.
        Span<char> chars = _chars;
        int written = 0;
        while (true)
        {
            OperationStatus status = Utf8.ToUtf16(bytes, chars[written..], out int read, out int count, replaceInvalidSequences: false);
            written += count;
            if (status == OperationStatus.Done)
            {
                return new string(chars[..written]);
            }

            chars[written++] = InvalidText.Marker(bytes[read]);
            bytes = bytes[(read + 1)..];
        }
    }

    private void Compact()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }

    private void Filled(int read)
    {
        _end += read;
        _eof = read == 0;
    }
}
