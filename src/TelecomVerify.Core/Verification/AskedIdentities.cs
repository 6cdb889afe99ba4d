using System.Collections.Generic;

namespace TelecomVerify.Verification
{
    /// <summary>
    /// The identities this run has asked about (or, under -WhatIf, would ask), so that an identical
    /// row is never paid for twice. One flat <see cref="CallOutcome"/> per identity, shared by every
    /// row that has it.
    /// </summary>
    internal sealed class AskedIdentities
    {
        private readonly Dictionary<IdentityKey, CallOutcome> _byKey = new Dictionary<IdentityKey, CallOutcome>();

        public int Count => _byKey.Count;

        public bool TryGet(IdentityKey key, out CallOutcome outcome) => _byKey.TryGetValue(key, out outcome);

        public void Add(IdentityKey key, CallOutcome outcome) => _byKey.Add(key, outcome);
    }
}
