using System.Runtime.InteropServices;

namespace Floe.Compression;

/// <summary>A libzstd compression context; freed when the owning thread's reference is collected.</summary>
internal sealed class ZstdCompressionContext : SafeHandle
{
    public ZstdCompressionContext()
        : base(0, ownsHandle: true)
    {
        SetHandle(ZstdNative.ZSTD_createCCtx());
        if (IsInvalid)
        {
            throw new OutOfMemoryException("ZSTD_createCCtx failed.");
        }
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        ZstdNative.ZSTD_freeCCtx(handle);
        return true;
    }
}

/// <summary>A libzstd decompression context; freed when the owning thread's reference is collected.</summary>
internal sealed class ZstdDecompressionContext : SafeHandle
{
    public ZstdDecompressionContext()
        : base(0, ownsHandle: true)
    {
        SetHandle(ZstdNative.ZSTD_createDCtx());
        if (IsInvalid)
        {
            throw new OutOfMemoryException("ZSTD_createDCtx failed.");
        }
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        ZstdNative.ZSTD_freeDCtx(handle);
        return true;
    }
}
