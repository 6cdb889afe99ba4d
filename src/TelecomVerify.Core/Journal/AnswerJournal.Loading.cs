using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using TelecomVerify.Credentials;
using TelecomVerify.Protocol;
using TelecomVerify.Resources;
using TelecomVerify.Verification;

namespace TelecomVerify.Journal
{
    /// <summary>Reading a journal when it is opened: its header and keys, every authentic line into the index, a torn last line cut, a journal of format 1 set aside.</summary>
    public sealed partial class AnswerJournal
    {
        /// <summary>A journal of the first format has a stored secret, so none of its lines can be trusted: it is kept aside, and a new one starts.</summary>
        private static AnswerJournal MigrateVersion1(AnswerJournal old, string path, JournalSettings settings)
        {
            old._stream.Dispose();
            if (settings.ReadOnly)
            {
                // Nothing moves under -WhatIf: the estimate counts no answer from it.
                old._warnings.Add(Text.Format(Messages.Journal_OldVersionIgnored, path));
                return old.AsEmpty(settings);
            }
            string aside = path + ".v1";
            for (int i = 2; File.Exists(aside); i++) aside = path + ".v1-" + i;
            File.Move(path, aside);
            var fresh = Open(path, settings);
            fresh._warnings.Insert(0, Text.Format(Messages.Journal_Migrated, path, aside));
            return fresh;
        }

        private AnswerJournal AsEmpty(JournalSettings settings)
        {
            // No stream: an empty index never reads one.
            var empty = new AnswerJournal(Path, null, 0);
            empty._keys = JournalKeys.Derive(settings.ApiKey, settings.Host, settings.Origin, new byte[32], FormatVersion);
            empty._warnings.AddRange(_warnings);
            return empty;
        }

        /// <summary>Reads the header and indexes every authentic line; false for a journal of format 1.</summary>
        private bool Load(JournalSettings settings)
        {
            if (_stream.Length == 0) return StartEmpty(settings);
            bool reuse = settings.MaxAge > TimeSpan.Zero;
            DateTime oldest = reuse ? settings.UtcNow - settings.MaxAge : DateTime.MaxValue, newest = settings.UtcNow + ClockSkew;
            var buffer = new byte[1 << 20];
            int filled = 0, start = 0;
            long bufferAt = 0, lineNumber = 0, goodEnd = 0, untrusted = 0, linesEnd = LinesEnd();
            bool overlong = false;
            _stream.Seek(0, SeekOrigin.Begin);
            while (true)
            {
                // bufferAt + filled is how far the file has been read; the reserve after the lines is not read.
                int n = _stream.Read(buffer, filled, (int)Math.Min(buffer.Length - filled, linesEnd - bufferAt - filled));
                if (n <= 0) break;
                filled += n;
                int nl;
                while ((nl = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0)
                {
                    lineNumber++;
                    if (lineNumber == 1)
                    {
                        var header = ReadHeader(Encoding.UTF8.GetString(buffer, start, nl - start), Path);
                        if (header.Version == 1) return false;
                        UseKeys(header, settings);
                    }
                    else if (overlong) { overlong = false; untrusted++; }
                    else if (!IndexLine(buffer, start, nl - start, bufferAt + start, lineNumber, oldest, newest, reuse)) untrusted++;
                    start = nl + 1;
                    goodEnd = bufferAt + start;
                }
                if (filled - start > MaxLine)
                {
                    // Not a line this module wrote: passed over up to its end, then counted with the damaged ones.
                    if (lineNumber == 0) throw new JournalException("JournalUnreadable", Text.Format(Messages.Journal_NotAJournal, Path, FormatVersion));
                    overlong = true;
                    bufferAt += filled;
                    filled = start = 0;
                    continue;
                }
                // Keep the unfinished line at the front and read on.
                Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                bufferAt += start;
                filled -= start;
                start = 0;
            }
            FinishLoad(settings, lineNumber, untrusted, filled > 0 || overlong, goodEnd);
            return true;
        }

        /// <summary>
        /// Where the lines end: a run keeps zeros in reserve after its last line (<see cref="JournalWriter.EnsureRoom"/>)
        /// and gives them back when it ends, but a run that was killed leaves them. No line holds a zero byte.
        /// </summary>
        private long LinesEnd()
        {
            var block = new byte[64 * 1024];
            for (long end = _stream.Length; end > 0;)
            {
                int size = (int)Math.Min(block.Length, end);
                _stream.Seek(end - size, SeekOrigin.Begin);
                for (int got = 0, n; got < size; got += n)
                    if ((n = _stream.Read(block, got, size - got)) == 0) return end;
                int last = size - 1;
                while (last >= 0 && block[last] == 0) last--;
                if (last >= 0) return end - size + last + 1;
                end -= size;
            }
            return 0;
        }

        /// <summary>A new journal: its header, unless it is only being read (-WhatIf, Get-JuheJournal), which never writes one.</summary>
        private bool StartEmpty(JournalSettings settings)
        {
            if (settings.ReadOnly) throw new JournalException("JournalUnreadable", Text.Format(Messages.Journal_NotAJournal, Path, FormatVersion));
            CreateHeader(settings);
            _lines = 1;
            _linesEnd = _stream.Length;
            return true;
        }

        /// <summary>After the last line: what was passed over is said, and a torn last line is cut by a writer.</summary>
        private void FinishLoad(JournalSettings settings, long lines, long untrusted, bool torn, long goodEnd)
        {
            _lines = lines;
            _linesEnd = goodEnd;
            _untrusted = untrusted;
            // The header is written whole, newline included: a file without one is not a journal.
            if (lines == 0) throw new JournalException("JournalUnreadable", Text.Format(Messages.Journal_NotAJournal, Path, FormatVersion));
            if (untrusted > 0) _warnings.Add(Text.Format(Messages.Journal_Untrusted, untrusted, Path));
            if (!torn) return;
            // A run killed mid-write leaves a torn last line: a writer drops it so the next answer starts a line of its own.
            _warnings.Add(Text.Format(Messages.Journal_TornLine, Path));
            if (settings.ReadOnly) return;
            _stream.SetLength(goodEnd);
            _stream.Flush(true);
        }

        private void CreateHeader(JournalSettings settings)
        {
            var salt = new byte[32];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(salt);
            _keys = JournalKeys.Derive(settings.ApiKey, settings.Host, settings.Origin, salt, FormatVersion);
            var header = HeaderLine(salt, _keys);
            try
            {
                _stream.Write(header, 0, header.Length);
                _stream.Flush(true);
            }
            catch (IOException ex)
            {
                throw new JournalException("JournalNotWritable", Text.Format(Messages.Journal_NotWritable, Path, FileFailure.Describe(ex)), ex);
            }
        }

        /// <summary>The first line: the format, the salt and the proof of the account, nothing secret.</summary>
        private static byte[] HeaderLine(byte[] salt, JournalKeys keys) =>
            Encoding.UTF8.GetBytes("{\"journal\":\"" + Magic + "\",\"version\":" + FormatVersion + ",\"salt\":\"" + Convert.ToBase64String(salt)
                + "\",\"check\":\"" + keys.AccountCheck(salt) + "\"}\n");

        private void UseKeys(Header header, JournalSettings settings)
        {
            _version = header.Version;
            _salt = header.Salt;
            _keys = KeysFor(header, settings, Path);
        }

        /// <param name="number">The line's place in the file: a line of format 3 is trusted only at the place its MAC names.</param>
        private bool IndexLine(byte[] b, int at, int length, long offset, long number, DateTime oldest, DateTime newest, bool reuse)
        {
            if (!ReadFixed(b, at, length, number, out bool isRun, out var key, out var utc, out bool servesDetail, out bool possiblyBilled)) return false;
            if (isRun)
            {
                _lastRunAt = offset;
                return true;
            }
            if (utc > newest) return false;
            _answerLines++;
            if (!reuse || utc < oldest)
            {
                _expired++;
                return true;
            }
            var slot = new Slot { Offset = offset, Seconds = (int)((utc - Epoch).Ticks / TimeSpan.TicksPerSecond), ServesDetail = servesDetail, PossiblyBilled = possiblyBilled };
            if (_index.TryGetValue(key, out var known))
            {
                // An answer outranks a request that may have been billed; the newer answer (by its time) replaces
                // the older, unless only the older one says which element failed.
                if (possiblyBilled && !known.PossiblyBilled) return true;
                if (!known.PossiblyBilled && (slot.Seconds < known.Seconds || (known.ServesDetail && !servesDetail))) return true;
            }
            _index[key] = slot;
            return true;
        }

        /// <summary>The fixed places of an authentic line (of a format-3 line, only its head is decrypted); a run's line is read whole, into <see cref="LastRun"/>.</summary>
        private bool ReadFixed(byte[] b, int at, int length, long number, out bool isRun, out IdentityKey key, out DateTime utc, out bool servesDetail, out bool possiblyBilled)
        {
            isRun = false;
            key = default; utc = default; servesDetail = possiblyBilled = false;
            byte[] content = b;
            int from = at, contentLength = length;
            if (_version >= 3)
            {
                if (!JournalEnvelope.TryOpenHead(b, at, length, number, _keys, _scratch, _head, _head.Length)) return false;
                if (!JournalRun.IsRunLine(_head, 0, _head.Length))
                    return JournalLine.TryReadFixed(_head, 0, _head.Length, JournalLine.Shape.Head, out key, out utc, out servesDetail, out possiblyBilled);
                content = JournalEnvelope.TryOpen(b, at, length, _keys, out _, out contentLength);
                from = 0;
            }
            else if (!JournalLine.IsAuthentic(b, at, length, _keys)) return false;
            if (content != null && JournalRun.IsRunLine(content, from, contentLength))
            {
                isRun = true;
                LastRun = JournalRun.TryParse(Encoding.UTF8.GetString(content, from, contentLength)) ?? LastRun;
                return true;
            }
            return content != null && JournalLine.TryReadFixed(content, from, contentLength, JournalLine.Shape.Signed, out key, out utc, out servesDetail, out possiblyBilled);
        }

        internal sealed class Header
        {
            public int Version;
            public byte[] Salt;
            public string Check;
        }

        internal static Header ReadHeader(string line, string path)
        {
            try
            {
                if (StrictJsonReader.Parse(line ?? string.Empty) is Dictionary<string, object> header
                    && header.TryGetValue("journal", out var magic) && (magic as string) == Magic
                    && header.TryGetValue("version", out var version) && version is double v)
                {
                    if (v == 1) return new Header { Version = 1 };
                    if ((v == 2 || v == FormatVersion) && header.TryGetValue("salt", out var salt) && salt is string s
                        && header.TryGetValue("check", out var check) && check is string c)
                    {
                        var bytes = Convert.FromBase64String(s);
                        if (bytes.Length == 32) return new Header { Version = (int)v, Salt = bytes, Check = c };
                    }
                }
            }
            catch (FormatException) { }
            throw new JournalException("JournalUnreadable", Text.Format(Messages.Journal_NotAJournal, path, FormatVersion));
        }
    }
}
