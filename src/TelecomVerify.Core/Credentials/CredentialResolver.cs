using System;
using TelecomVerify.Protocol;
using TelecomVerify.Resources;

namespace TelecomVerify.Credentials
{
    /// <summary>
    /// Parameter, then session, then environment (JUHE_API_KEY, JUHE_OPENID, JUHE_BASE_URI), then
    /// the saved file. Each value is taken from the first source that has it, so a runbook can
    /// keep the key in the environment and still point one call at the sandbox.
    /// </summary>
    internal static class CredentialResolver
    {
        public const string ApiKeyVariable = "JUHE_API_KEY";
        public const string OpenIdVariable = "JUHE_OPENID";
        public const string BaseUriVariable = "JUHE_BASE_URI";

        public static JuheCredential FromEnvironment(Func<string, string> read = null)
        {
            read = read ?? Environment.GetEnvironmentVariable;
            string uri = read(BaseUriVariable);
            return new JuheCredential
            {
                ApiKey = read(ApiKeyVariable),
                OpenId = read(OpenIdVariable),
                BaseUri = string.IsNullOrEmpty(uri) ? null : ParseBaseUri(uri, BaseUriVariable),
            };
        }

        /// <param name="saved">Read only when a value is still missing, so a damaged or too-open file
        /// does not stand in the way of a run that has everything from elsewhere.</param>
        public static ResolvedCredential Resolve(JuheCredential parameter, JuheCredential session, JuheCredential environment,
            Func<JuheCredential> saved = null, string savedPath = null)
        {
            var resolved = new ResolvedCredential { BaseUri = JuheEndpoint.DefaultBaseUri, SavedFile = savedPath != null && System.IO.File.Exists(savedPath) ? savedPath : null };
            bool key = false, openId = false, uri = false;
            void Take(JuheCredential c, CredentialSource source)
            {
                if (c == null) return;
                if (!key && !string.IsNullOrEmpty(c.ApiKey)) { resolved.ApiKeyValue = c.ApiKey; resolved.ApiKeyFrom = source; key = true; }
                if (!openId && !string.IsNullOrEmpty(c.OpenId)) { resolved.OpenIdValue = c.OpenId; resolved.OpenIdFrom = source; openId = true; }
                if (!uri && c.BaseUri != null)
                {
                    resolved.BaseUri = c.BaseUri;
                    resolved.BaseUriFrom = source;
                    resolved.AllowUnencryptedAuthentication = c.AllowUnencryptedAuthentication;
                    uri = true;
                }
            }
            Take(parameter, CredentialSource.Parameter);
            Take(session, CredentialSource.Session);
            Take(environment, CredentialSource.Environment);
            if (saved != null && !(key && openId && uri))
            {
                // With the key already in hand (a runbook's JUHE_API_KEY), a damaged or too-open saved file
                // could only add an OpenID or a base URI the key's source outranks: it is passed over, with a note.
                try { Take(saved(), CredentialSource.SavedFile); }
                catch (CredentialFileException ex) when (key) { resolved.Notes.Add(Text.Format(Messages.Credential_SavedPassedOver, ex.Message)); }
            }
            // The key goes where the base URI points: a base URI from a source the key outranks (a
            // planted file beside a key from the environment) would send that key to someone else.
            if (key && uri && resolved.BaseUriFrom > resolved.ApiKeyFrom)
            {
                // Kept as a rule, and said aloud: a runbook that set JUHE_BASE_URI and takes its key from the
                // session would otherwise send to the real provider without a word.
                resolved.Notes.Add(Text.Format(Messages.Credential_BaseUriIgnored, Text.Source(resolved.BaseUriFrom), Text.Source(resolved.ApiKeyFrom), resolved.BaseUri.GetLeftPart(UriPartial.Authority), JuheEndpoint.DefaultBaseUri));
                resolved.BaseUri = JuheEndpoint.DefaultBaseUri;
                resolved.BaseUriFrom = CredentialSource.Default;
                resolved.AllowUnencryptedAuthentication = false;
            }
            // The other way round the rule lets it through (JUHE_BASE_URI beside a saved key): the key goes to an address
            // someone else may have set, so it is said every time.
            else if (key && uri && resolved.BaseUriFrom < resolved.ApiKeyFrom)
                resolved.Notes.Add(Text.Format(Messages.Credential_BaseUriElsewhere, Text.Source(resolved.ApiKeyFrom), Text.Source(resolved.BaseUriFrom), resolved.BaseUri.GetLeftPart(UriPartial.Authority)));
            return resolved;
        }

        public static Uri ParseBaseUri(string text, string what)
        {
            Uri.TryCreate(text, UriKind.Absolute, out var uri);
            var problem = CheckBaseUri(uri, what);
            if (problem != null) throw new ArgumentException(problem);
            return uri;
        }

        /// <summary>Null when <paramref name="uri"/> can be a base URI; else what is wrong, naming it as <paramref name="what"/>.
        /// The one check for -BaseUri of every cmdlet and for JUHE_BASE_URI.</summary>
        public static string CheckBaseUri(Uri uri, string what)
        {
            if (uri == null || !uri.IsAbsoluteUri || (uri.Scheme != "https" && uri.Scheme != "http"))
                return Text.Format(Messages.BaseUri_NotAbsolute, what);
            // A password in a URI ends up in logs and messages; credentials travel as credentials.
            if (!string.IsNullOrEmpty(uri.UserInfo))
                return Text.Format(Messages.BaseUri_UserInfo, what);
            return null;
        }

        /// <summary>Plain HTTP is fine on loopback (the sandbox); anywhere else the key would cross the network in clear.</summary>
        public static bool IsInsecure(Uri uri) => uri.Scheme == "http" && !uri.IsLoopback;

        /// <summary>Null when the base URI may be used; else why not and what to do.</summary>
        public static string RefuseInsecure(Uri uri, bool allowed) =>
            IsInsecure(uri) && !allowed
                ? Text.Format(Messages.BaseUri_Insecure, uri.GetLeftPart(UriPartial.Authority))
                : null;
    }
}
