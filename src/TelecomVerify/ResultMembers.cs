using System.Management.Automation;

namespace TelecomVerify.Commands
{
    /// <summary>Members the types file adds to the core's objects, for PowerShell's eyes only.</summary>
    public static class ResultMembers
    {
        /// <summary>The hidden InputObject property of a result: reachable as $_.InputObject, left out of Export-Csv and Format-List *.</summary>
        public static object GetInputObject(PSObject instance) => (instance?.BaseObject as IdentityCheckResult)?.GetInputObject();

        /// <summary>The default table's message column: what happened, first and short (Message holds the whole text).</summary>
        public static string GetTableMessage(PSObject instance)
        {
            var result = instance?.BaseObject as IdentityCheckResult;
            return result == null ? null : result.Brief ?? result.Message;
        }
    }
}
