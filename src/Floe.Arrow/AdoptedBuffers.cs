using System.Buffers;
using Apache.Arrow;
using Apache.Arrow.Memory;

namespace Floe.Arrow;

/// <summary>
/// Makes an <see cref="ArrowBuffer"/> that owns memory Floe hands it, so disposing the Arrow array disposes the
/// memory. Arrow's only public way to give a buffer an owner is a <see cref="MemoryAllocator"/>: a builder asks its
/// allocator for the buffer's memory, copies its contents in and wraps the owner it got. The allocator here answers
/// with the memory already filled, and the builder holds just that memory's first byte, so the one byte it copies
/// is the byte already there.
/// </summary>
internal static class AdoptedBuffers
{
    public static ArrowBuffer Adopt(IMemoryOwner<byte> owner)
    {
        Memory<byte> memory = owner.Memory;
        if (memory.IsEmpty)
        {
            owner.Dispose();
            return ArrowBuffer.Empty;
        }

        var builder = new ArrowBuffer.Builder<byte>(1);
        builder.Append(memory.Span[0]);
        ArrowBuffer buffer = builder.Build(new OneOwnerAllocator(owner));
        if (!buffer.Memory.Equals(memory))
        {
            throw new InvalidOperationException("Apache.Arrow did not wrap the memory its allocator returned; the buffer would be a copy.");
        }

        return buffer;
    }

    /// <summary>Answers its one allocation with the memory it was given.</summary>
    private sealed class OneOwnerAllocator(IMemoryOwner<byte> owner) : MemoryAllocator
    {
        private IMemoryOwner<byte>? _owner = owner;

        protected override IMemoryOwner<byte> AllocateInternal(int length, out int bytesAllocated)
        {
            // The builder asks for its one byte rounded up to 64 and copies only that byte, so a shorter memory is fine.
            bytesAllocated = 0;
            return Interlocked.Exchange(ref _owner, null)
                ?? throw new InvalidOperationException("the memory was already handed out");
        }
    }
}
