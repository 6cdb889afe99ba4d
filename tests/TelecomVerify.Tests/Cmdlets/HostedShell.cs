using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using TelecomVerify.Commands;

namespace TelecomVerify.Tests.Cmdlets
{
    /// <summary>A runspace with the module's cmdlets, as PSReadLine's tests host theirs.</summary>
    public sealed class HostedShell : IDisposable
    {
        private readonly Runspace _runspace;

        public HostedShell()
        {
            var iss = InitialSessionState.CreateDefault2();
            foreach (var type in typeof(TestTelecomIdentityCommand).Assembly.GetTypes())
            {
                var attr = type.GetCustomAttribute<CmdletAttribute>();
                if (attr != null) iss.Commands.Add(new SessionStateCmdletEntry(attr.VerbName + "-" + attr.NounName, type, null));
            }
            _runspace = RunspaceFactory.CreateRunspace(iss);
            _runspace.Open();
        }

        /// <summary>A PowerShell on this runspace, for tests that drive it asynchronously.</summary>
        public PowerShell Create()
        {
            var ps = PowerShell.Create();
            ps.Runspace = _runspace;
            return ps;
        }

        public void SetVariable(string name, object value) => _runspace.SessionStateProxy.SetVariable(name, value);

        public Collection<PSObject> Invoke(string script, out List<ErrorRecord> errors, IDictionary<string, object> variables = null)
        {
            using (var ps = PowerShell.Create())
            {
                ps.Runspace = _runspace;
                if (variables != null)
                    foreach (var v in variables) _runspace.SessionStateProxy.SetVariable(v.Key, v.Value);
                ps.AddScript(script);
                var output = ps.Invoke();
                errors = ps.Streams.Error.ToList();
                return output;
            }
        }

        public List<T> Invoke<T>(string script, out List<ErrorRecord> errors, IDictionary<string, object> variables = null) =>
            Invoke(script, out errors, variables).Select(o => (T)o.BaseObject).ToList();

        public void Dispose() => _runspace.Dispose();
    }
}
