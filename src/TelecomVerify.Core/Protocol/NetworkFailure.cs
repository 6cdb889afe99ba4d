using System;
using System.IO;
using System.Net.Sockets;
using System.Security.Authentication;
using TelecomVerify.Resources;

namespace TelecomVerify.Protocol
{
    /// <summary>
    /// Why a request did not get through, in the module's own words. The framework's message is never
    /// passed on: it is English inside a Chinese sentence, and it quotes what the other side sent (a
    /// header with escape sequences in it, a proxy's answer) word for word.
    /// </summary>
    internal static class NetworkFailure
    {
        public static string Describe(Exception ex)
        {
            string kind = RequestErrorOf(ex);
            switch (kind)
            {
                case "NameResolutionError": return Messages.Net_NoHost;
                case "SecureConnectionError": return Messages.Net_Tls;
                case "ProxyTunnelError": return Messages.Net_Proxy;
                case "ResponseEnded": return Messages.Net_Ended;
                case "InvalidResponse": return Messages.Net_InvalidResponse;
            }
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (e is SocketException socket) return Describe(socket.SocketErrorCode);
                if (e is AuthenticationException) return Messages.Net_Tls;
            }
            if (kind == "ConnectionError") return Messages.Net_Refused;
            for (var e = ex; e != null; e = e.InnerException)
                if (e is IOException) return Messages.Net_Ended;
            return Text.Format(Messages.Net_Other, ex.GetType().Name);
        }

        private static string Describe(SocketError error)
        {
            switch (error)
            {
                case SocketError.ConnectionRefused: return Messages.Net_Refused;
                case SocketError.HostNotFound:
                case SocketError.NoData:
                case SocketError.TryAgain: return Messages.Net_NoHost;
                case SocketError.TimedOut: return Messages.Net_TimedOut;
                case SocketError.NetworkUnreachable:
                case SocketError.HostUnreachable:
                case SocketError.NetworkDown:
                case SocketError.HostDown: return Messages.Net_Unreachable;
                case SocketError.ConnectionReset:
                case SocketError.ConnectionAborted:
                case SocketError.Shutdown: return Messages.Net_Reset;
                default: return Text.Format(Messages.Net_Other, "SocketError." + error);
            }
        }

        /// <summary>.NET 8's HttpRequestException.HttpRequestError, by name; null where the runtime has none.</summary>
        private static string RequestErrorOf(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
                var property = e.GetType().GetProperty("HttpRequestError");
                if (property != null) return property.GetValue(e)?.ToString();
            }
            return null;
        }
    }
}
