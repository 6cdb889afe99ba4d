using System.Management.Automation;
using System.Net;
using System.Security;

namespace TelecomVerify.Commands
{
    /// <summary>Lets a secret parameter take a SecureString, a plain string, or a PSCredential's password.</summary>
    internal sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject pso ? pso.BaseObject : inputData;
            switch (value)
            {
                case SecureString s: return s;
                case string s: return new NetworkCredential(string.Empty, s).SecurePassword;
                case PSCredential c: return c.Password;
                default: return value;
            }
        }

        internal static string Reveal(SecureString secure) => secure == null ? null : new NetworkCredential(string.Empty, secure).Password;
    }
}
