using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace TelecomVerify.Input
{
    /// <summary>
    /// Loads TelecomVerify.Workbook.dll and the ExcelDataReader.dll beside it once, where no other copy can
    /// meet them. The module keeps both in its Dependencies folder, out of PowerShell's sight: PowerShell 7
    /// loads module assemblies into one shared context, where a second version of a name already loaded
    /// fails ("The located assembly's manifest definition does not match"), whichever module came first.
    /// </summary>
    internal static class WorkbookLibrary
    {
        private const string BridgeName = "TelecomVerify.Workbook";
        internal const string LibraryName = "ExcelDataReader";
        private static readonly Lazy<IWorkbookOpener> Opener = new Lazy<IWorkbookOpener>(Load);

        public static IWorkbookOpener Instance => Opener.Value;

        /// <summary>The folder that holds the bridge: Dependencies in the built module, the core's own folder in a build output.</summary>
        internal static string Folder()
        {
            string core = Path.GetDirectoryName(typeof(WorkbookLibrary).Assembly.Location);
            string dependencies = Path.Combine(core, "Dependencies");
            return File.Exists(Path.Combine(dependencies, BridgeName + ".dll")) ? dependencies : core;
        }

        private static IWorkbookOpener Load()
        {
            string folder = Folder();
            Assembly bridge = HasLoadContexts() ? LoadIsolated(folder) : LoadBeside(folder);
            var type = bridge.GetType("TelecomVerify.Workbook.ExcelWorkbookOpener", throwOnError: true);
            return (IWorkbookOpener)Activator.CreateInstance(type, nonPublic: true);
        }

        /// <summary>.NET (PowerShell 7) has load contexts; .NET Framework (Windows PowerShell 5.1) and Mono do not.</summary>
        private static bool HasLoadContexts() =>
            Type.GetType("Mono.Runtime") == null
            && !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        // Kept apart so that a runtime without AssemblyLoadContext never compiles a method that names it.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Assembly LoadIsolated(string folder) =>
            new IsolatedLoadContext(folder, typeof(WorkbookLibrary).Assembly).LoadFromAssemblyPath(Path.Combine(folder, BridgeName + ".dll"));

        /// <summary>
        /// .NET Framework has one context per AppDomain: the bridge is loaded from its file, and the names it asks
        /// for are answered from the same folder (the library) or with this assembly (the core it was built against).
        /// </summary>
        private static Assembly LoadBeside(string folder)
        {
            var core = typeof(WorkbookLibrary).Assembly;
            AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
            {
                var name = new AssemblyName(args.Name).Name;
                if (name == core.GetName().Name) return core;
                return name == LibraryName ? Assembly.LoadFrom(Path.Combine(folder, name + ".dll")) : null;
            };
            return Assembly.LoadFrom(Path.Combine(folder, BridgeName + ".dll"));
        }
    }
}
