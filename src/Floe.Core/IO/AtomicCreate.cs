using System.Runtime.InteropServices;

namespace Floe.Core.IO;

/// <summary>
/// Puts a finished temporary file at a path only if nothing is there, atomically. <c>File.Move</c> without overwrite is
/// not enough on Unix: it may check for the target and then rename, letting two racing writers both "succeed".
/// A hard link fails with EEXIST instead, so exactly one writer wins; the temporary name is removed afterwards.
/// </summary>
public static partial class AtomicCreate
{
    private const int EExist = 17;

    /// <summary>True when <paramref name="temp"/> now also lives at <paramref name="target"/>; false when the target existed.</summary>
    public static bool TryLink(string temp, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            // MoveFileEx without MOVEFILE_REPLACE_EXISTING fails atomically when the target exists.
            try
            {
                File.Move(temp, target, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(target))
            {
                return false;
            }
        }

        if (Link(temp, target) == 0)
        {
            return true;
        }

        int errno = Marshal.GetLastPInvokeError();
        return errno == EExist
            ? false
            : throw new IOException($"Cannot create {target}: link() failed with errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)}).");
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string newPath);
}
