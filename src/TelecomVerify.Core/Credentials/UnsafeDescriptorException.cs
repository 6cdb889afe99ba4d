using System.IO;

namespace TelecomVerify.Credentials
{
    /// <summary>What the opened file itself turned out to be, when it is not one to read or write.</summary>
    internal enum DescriptorProblem
    {
        /// <summary>The name is a symbolic link (the open did not follow it).</summary>
        Link,
        /// <summary>A folder, a device, a pipe or a socket.</summary>
        NotRegular,
        NotOwned,
        OpenToOthers,
    }

    /// <summary>The file opened at a path is not one the module may use; <see cref="DescriptorProblem"/> says why.</summary>
    internal sealed class UnsafeDescriptorException : IOException
    {
        public UnsafeDescriptorException(DescriptorProblem problem, long owner, int mode)
        {
            Problem = problem;
            Owner = owner;
            Mode = mode;
        }

        public DescriptorProblem Problem { get; }
        public long Owner { get; }
        /// <summary>The permission bits (0644 as 0x1A4).</summary>
        public int Mode { get; }
    }
}
