using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace TelecomVerify.Input
{
    /// <summary>
    /// The module's own load context (PowerShell 7): the workbook library the bridge asks for is taken from
    /// the module's Dependencies folder, whatever the shared context already holds. The core itself is handed
    /// back as it is, so that both sides agree on the bridge's interfaces; everything else (the framework)
    /// comes from the shared context as usual.
    /// </summary>
    internal sealed class IsolatedLoadContext : AssemblyLoadContext
    {
        private readonly string _folder;
        private readonly Assembly _core;

        public IsolatedLoadContext(string folder, Assembly core)
        {
            _folder = folder;
            _core = core;
        }

        protected override Assembly Load(AssemblyName name)
        {
            if (name.Name == _core.GetName().Name) return _core;
            return name.Name == WorkbookLibrary.LibraryName ? LoadFromAssemblyPath(Path.Combine(_folder, name.Name + ".dll")) : null;
        }
    }
}
