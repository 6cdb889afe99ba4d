using System.Reflection;

namespace TelecomVerify
{
    /// <summary>The product's name and version as requests and messages state them.</summary>
    internal static class ModuleInfo
    {
        public static readonly string Version =
            typeof(ModuleInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]
            ?? typeof(ModuleInfo).Assembly.GetName().Version.ToString();

        public static readonly string UserAgent = "TelecomVerify/" + Version + " (PowerShell module)";
    }
}
