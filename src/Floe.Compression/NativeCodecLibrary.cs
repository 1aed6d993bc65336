using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Floe.Common.Errors;

namespace Floe.Compression;

/// <summary>
/// Checks once per library that a native codec library can be loaded, so a missing one is reported as a
/// <see cref="FloeException"/> of kind <see cref="FloeErrorKind.Environment"/> naming the library and its Debian package.
/// </summary>
public static class NativeCodecLibrary
{
    private static readonly ConcurrentDictionary<string, bool> Loaded = new(StringComparer.Ordinal);

    /// <summary>Throws unless <paramref name="library"/> can be loaded; <paramref name="codec"/> names the codec that needs it.</summary>
    public static void Require(string library, string debianPackage, string codec)
    {
        if (!Loaded.GetOrAdd(library, static name => NativeLibrary.TryLoad(name, out _)))
        {
            throw Missing(library, debianPackage, codec, null);
        }
    }

    /// <summary>The error for a library that is missing or lacks an expected entry point.</summary>
    public static FloeException Missing(string library, string debianPackage, string codec, Exception? inner) =>
        new(FloeErrorKind.Environment,
            $"{codec} compression needs the native library {library}, which could not be loaded; install the Debian package {debianPackage}.",
            inner);
}
