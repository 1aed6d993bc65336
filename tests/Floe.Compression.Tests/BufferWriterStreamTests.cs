using System.Buffers;
using System.IO.Compression;
using Floe.Common.Errors;

namespace Floe.Compression.Tests;

public sealed class BufferWriterStreamTests
{
    [Fact]
    public void Deflate_through_the_stream_writes_what_a_memory_stream_would()
    {
        byte[] input = [.. Enumerable.Range(0, 50_000).Select(i => (byte)(i % 13))];
        using var expected = new MemoryStream();
        using (var deflate = new DeflateStream(expected, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(input);
        }

        var writer = new ArrayBufferWriter<byte>();
        using (var deflate = new DeflateStream(new BufferWriterStream(writer), CompressionLevel.Optimal))
        {
            deflate.Write(input);
        }

        Assert.Equal(expected.ToArray(), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Write_byte_and_array_writes_append()
    {
        var writer = new ArrayBufferWriter<byte>();
        using var stream = new BufferWriterStream(writer);

        stream.WriteByte(1);
        stream.Write([9, 2, 3, 9], 1, 2);

        Assert.Equal(new byte[] { 1, 2, 3 }, writer.WrittenSpan.ToArray());
        Assert.False(stream.CanRead);
        Assert.Throws<NotSupportedException>(() => stream.Length);
    }

    [Fact]
    public void Missing_native_library_is_environment_error_naming_package()
    {
        var ex = Assert.Throws<FloeException>(() => NativeCodecLibrary.Require("libfloe-missing.so.9", "libfloe-missing9", "ZSTD"));
        Assert.Equal(FloeErrorKind.Environment, ex.Kind);
        Assert.Contains("libfloe-missing.so.9", ex.Message);
        Assert.Contains("libfloe-missing9", ex.Message);
    }
}
