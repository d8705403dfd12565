#nullable enable // .editorconfig marks this file generated (see there), which would turn nullable annotations off
using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

// The emulator compiles this file in too, under its own namespace (two internal types of one
// name would clash in the tests that see both assemblies' internals).
#if S3M_EMULATOR
namespace S3M.Emulator;
#else
namespace S3M.Tokens;
#endif

/// <summary>
/// What a token file (and the emulator's private folders, which link this file in) needs from
/// Linux and macOS that .NET does not offer: opening without
/// blocking (a FIFO opens at once instead of waiting for a writer) and the type, permission bits
/// and owner of what was opened (fstat), so that what is checked is what is read, whatever
/// happens to the path in between. The status comes from the runtime's own native shim,
/// System.Native, whose <c>FileStatus</c> has begun with Flags, Mode, Uid since .NET Core 2.1.
/// </summary>
internal static class UnixFile
{
    public static bool Applies => Path.DirectorySeparatorChar == '/';

    /// <summary>The status of <paramref name="path"/> (following links), or null when it cannot be read.</summary>
    public static UnixFileStatus? Status(string path)
    {
        try
        {
            var buffer = new NativeStatus();
            return Stat(path, ref buffer) == 0 ? new UnixFileStatus(buffer.Mode, buffer.Uid) : (UnixFileStatus?)null;
        }
        catch (Exception e) when (IsMissingNative(e)) { return null; }
    }

    /// <summary>The status of <paramref name="path"/> itself, a link not followed (lstat), or null when it cannot be read.</summary>
    public static UnixFileStatus? LinkStatus(string path)
    {
        try
        {
            var buffer = new NativeStatus();
            return LStat(path, ref buffer) == 0 ? new UnixFileStatus(buffer.Mode, buffer.Uid) : (UnixFileStatus?)null;
        }
        catch (Exception e) when (IsMissingNative(e)) { return null; }
    }

    /// <summary>The status of an open file, or null when it cannot be read.</summary>
    public static UnixFileStatus? Status(SafeFileHandle handle)
    {
        try
        {
            var buffer = new NativeStatus();
            return FStat(handle, ref buffer) == 0 ? new UnixFileStatus(buffer.Mode, buffer.Uid) : (UnixFileStatus?)null;
        }
        catch (Exception e) when (IsMissingNative(e)) { return null; }
    }

    /// <summary>Opens for reading without blocking and without becoming a controlling terminal; null when libc cannot be called.</summary>
    public static SafeFileHandle? OpenNonBlocking(string path)
    {
        var macOS = RuntimeInformation.IsOSPlatform(OSPlatform.OSX);
        // O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, as each system numbers them.
        var flags = macOS ? 0x4 | 0x20000 | 0x1000000 : 0x800 | 0x100 | 0x80000;
        int fd;
        try { fd = Open(path, flags); }
        catch (Exception e) when (IsMissingNative(e)) { return null; }
        if (fd < 0)
        {
            throw new IOException($"open failed (errno {Marshal.GetLastWin32Error()})");
        }

        return new SafeFileHandle((IntPtr)fd, ownsHandle: true);
    }

    /// <summary>The user this process acts as (geteuid).</summary>
    public static uint? EffectiveUserId()
    {
        try { return GetEUid(); }
        catch (Exception e) when (IsMissingNative(e)) { return null; }
    }

    private static bool IsMissingNative(Exception e) => e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException;

    // Only the first fields are read; the size leaves room for every later field the shim has added.
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct NativeStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Stat(string path, ref NativeStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int LStat(string path, ref NativeStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat")]
    private static extern int FStat(SafeFileHandle handle, ref NativeStatus status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_GetEUid")]
    private static extern uint GetEUid();

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int Open(string path, int flags);
}

/// <summary>A file's type, permission bits and owner, as stat(2) gives them.</summary>
internal readonly struct UnixFileStatus
{
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;

    public UnixFileStatus(int mode, uint owner) { Mode = mode; Owner = owner; }

    /// <summary>Type and permission bits, as st_mode.</summary>
    public int Mode { get; }

    public uint Owner { get; }

    public bool IsRegularFile => (Mode & TypeMask) == Regular;

    public bool IsDirectory => (Mode & TypeMask) == 0x4000;

    /// <summary>The permission bits of group and others (mode &amp; 077).</summary>
    public int GroupOrOthers => Mode & 0x3F;

    /// <summary>The permission bits as chmod writes them, such as 644.</summary>
    public string Permissions => Convert.ToString(Mode & 0x1FF, 8).PadLeft(3, '0');

    public string TypeName
    {
        get
        {
            switch (Mode & TypeMask)
            {
                case Regular: return "a regular file";
                case 0x4000: return "a directory";
                case 0x1000: return "a FIFO (named pipe)";
                case 0x2000: return "a character device";
                case 0x6000: return "a block device";
                case 0xC000: return "a socket";
                default: return "not a regular file";
            }
        }
    }
}
