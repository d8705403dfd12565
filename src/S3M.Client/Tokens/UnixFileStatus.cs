using System;
using System.IO;
using System.Runtime.InteropServices;

namespace S3M.Tokens
{
    /// <summary>
    /// What stat(2) says of a path on Linux and macOS: its type and permission bits. .NET has no
    /// public API for the type (a FIFO looks like an empty file, and opening one blocks until a
    /// writer comes), so this asks the runtime's own native shim, System.Native, which every .NET
    /// (Core) on Unix ships and whose <c>FileStatus</c> has begun with Flags and Mode since .NET Core 2.
    /// </summary>
    internal readonly struct UnixFileStatus
    {
        private const int TypeMask = 0xF000;
        private const int Regular = 0x8000;
        private const int Directory = 0x4000;
        private const int Fifo = 0x1000;
        private const int CharacterDevice = 0x2000;
        private const int BlockDevice = 0x6000;
        private const int Socket = 0xC000;

        private UnixFileStatus(int mode) { Mode = mode; }

        /// <summary>Type and permission bits, as st_mode.</summary>
        public int Mode { get; }

        public bool IsRegularFile => (Mode & TypeMask) == Regular;

        /// <summary>The permission bits of group and others (mode &amp; 077).</summary>
        public int GroupOrOthers => Mode & 0x3F;

        /// <summary>The permission bits as chmod writes them, such as 644.</summary>
        public string Permissions => Convert.ToString(Mode & 0x1FF, 8);

        public string TypeName
        {
            get
            {
                switch (Mode & TypeMask)
                {
                    case Regular: return "a regular file";
                    case Directory: return "a directory";
                    case Fifo: return "a FIFO (named pipe)";
                    case CharacterDevice: return "a character device";
                    case BlockDevice: return "a block device";
                    case Socket: return "a socket";
                    default: return "not a regular file";
                }
            }
        }

        /// <summary>
        /// The status of <paramref name="path"/> (following links); null on Windows, when the
        /// path does not exist, or when the shim cannot be called.
        /// </summary>
        public static UnixFileStatus? Of(string path)
        {
            if (Path.DirectorySeparatorChar == '\\') return null;
            try
            {
                var buffer = new NativeStatus();
                return Stat(path, ref buffer) == 0 ? new UnixFileStatus(buffer.Mode) : (UnixFileStatus?)null;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException)
            {
                return null;
            }
        }

        // Only the first fields are read; the size leaves room for every later field the shim has added.
        [StructLayout(LayoutKind.Sequential, Size = 512)]
        private struct NativeStatus
        {
            public int Flags;
            public int Mode;
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern int Stat(string path, ref NativeStatus status);
    }
}
