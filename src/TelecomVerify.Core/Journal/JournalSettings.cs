using System;
using TelecomVerify.Credentials;

namespace TelecomVerify.Journal
{
    /// <summary>How a journal is opened: for which account and provider, how old an answer may be, and whether to write.</summary>
    public sealed class JournalSettings
    {
        /// <summary>The key the answers are paid with; the journal's keys derive from it. Null: entries cannot be authenticated (an audit only).</summary>
        public string ApiKey { get; set; }

        /// <summary>The provider's host (v.juhe.cn; 127.0.0.1 for the sandbox): a journal of one never serves another.</summary>
        public string Host { get; set; }

        /// <summary>The provider's origin (https://v.juhe.cn:443): from format 3 on, a journal serves only the origin it was written for.</summary>
        public string Origin { get; set; }

        /// <summary>The origin of an address as a journal binds to it: scheme, host and port, lowercase.</summary>
        public static string OriginOf(Uri address) =>
            address == null ? null : (address.Scheme + "://" + address.Host + ":" + address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToLowerInvariant();

        /// <summary>Older answers serve no row; zero means record, never reuse.</summary>
        public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

        public DateTime UtcNow { get; set; } = DateTime.UtcNow;

        /// <summary>-WhatIf and Get-JuheJournal: no lock, no change, nothing created.</summary>
        public bool ReadOnly { get; set; }

        /// <summary>Who owns the file and its folder; without it ownership is not checked.</summary>
        public FileOwnership Ownership { get; set; }
    }
}
