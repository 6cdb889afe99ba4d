using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using TelecomVerify.Crypto;
using TelecomVerify.Input;
using TelecomVerify.Protocol;
using TelecomVerify.Sandbox;
using TelecomVerify.Validation;
using TelecomVerify.Verification;

namespace TelecomVerify.Compat
{
    /// <summary>
    /// The core's behaviour on a .NET Framework-style runtime (Mono standing in for Windows PowerShell
    /// 5.1's .NET Framework): each check is one promise of the module that depends on the runtime's
    /// class library. A check that throws has failed; the last line is the count that CI reads.
    /// </summary>
    public static class Program
    {
        private static readonly List<(string Name, Action Check)> Checks = new List<(string, Action)>
        {
            ("the cipher's test vectors (AES-128-ECB, MD5 key)", () =>
            {
                var cipher = new JuheCipher("demo-openid-0001");
                Equal("oFjn35qHqfkf/vUASy3CVg==", cipher.Encrypt("李雷"));
                Equal("rRs4R+Sf4IuS6z/Q4895LqEXarie4rpmyWC0hpJS3ns=", cipher.Encrypt("44030619851212123X"));
                Equal("QQ4RIe6BM4/mXqWy+eDMDg==", cipher.Encrypt(""));
                Equal("阿卜杜·热合曼", cipher.Decrypt("mXKVREhyiFlRxLuXSBxVjZ/EAHhHNhGQeZtKsQlkKvc="));
            }),
            ("MD5 without the platform (for a FIPS policy) equals the platform's", () =>
            {
                var bytes = Encoding.UTF8.GetBytes("demo-openid-0001");
                using (var md5 = System.Security.Cryptography.MD5.Create()) Equal(Convert.ToBase64String(md5.ComputeHash(bytes)), Convert.ToBase64String(Md5.Compute(bytes)));
            }),
            ("ID numbers: check character, dates, legacy form", () =>
            {
                Equal('X', IdCardRules.ComputeCheckCharacter("44030619851212123"));
                Equal("110105194901010021", IdentityNormalizer.NormalizeIdCard("110105490101002"));
                True(IdCardRules.Check("44030619851212123X", new DateTime(2026, 12, 1)) == null, "a valid ID is refused");
                True(IdCardRules.Check("440306198513121234", new DateTime(2026, 12, 1)) != null, "month 13 passes");
            }),
            ("names: every CJK block and the middle-dot look-alikes", () =>
            {
                Equal("阿卜杜·热合曼", IdentityNormalizer.NormalizeName("阿卜杜•热合曼"));
                True(!IdentityValidator.Validate("𠀀𪚥", "44030619851212123X", "18900001234", new DateTime(2026, 12, 1)).Any(), "an extension-B name is refused");
            }),
            ("GB18030 (code page 54936) for a CSV from Chinese Excel", () =>
            {
                var gb = CsvFile.Gb18030();
                Equal(54936, gb.CodePage);
                Equal("朱镕基", gb.GetString(gb.GetBytes("朱镕基")));
            }),
            ("a CSV read as Import-Csv reads it, encoding found", () =>
            {
                string path = Path.Combine(Path.GetTempPath(), "tv-compat-" + Guid.NewGuid().ToString("N") + ".csv");
                File.WriteAllBytes(path, CsvFile.Gb18030().GetBytes("姓名,身份证号,手机号\r\n\"李,雷\",44030619851212123X,18900001234\r\n"));
                try
                {
                    var file = RowFile.Open(path, new RowFileOptions());
                    Equal(1L, file.Rows);
                    Equal("李,雷", file.ReadRecords().Skip(1).First().Fields[0]);
                }
                finally { File.Delete(path); }
            }),
            ("an Excel 97-2003 workbook read through the workbook bridge (no load contexts here)", () =>
            {
                string xls = Path.Combine(RepositoryRoot(), "tests", "Pester", "Data", "roster-title.xls");
                Equal("花名册,说明", string.Join(",", WorkbookFile.WorksheetNames(xls)));
                // The header is the row below the title that names the three columns a run needs.
                var file = RowFile.Open(xls, new RowFileOptions { FieldsNamed = fields => fields.Count(f => f.Contains("姓名") || f.StartsWith("身份证") || f.Contains("手机")) });
                Equal(3L, file.HeaderRow);
                Equal(3L, file.Rows);
            }),
            ("the Chinese messages from the zh-CN satellite assembly", () =>
            {
                var saved = Thread.CurrentThread.CurrentUICulture;
                try
                {
                    Thread.CurrentThread.CurrentUICulture = new CultureInfo("zh-CN");
                    Equal("库中无此记录（新办理的号码可能需要几个工作日才能查到）。", OutcomeMessages.ForCode(227303));
                }
                finally { Thread.CurrentThread.CurrentUICulture = saved; }
            }),
            ("TLS 1.2 offered by the client, whatever the machine's default", () =>
            {
                ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls;
                using (new JuheClient(new JuheClientOptions { BaseUri = new Uri("https://provider.invalid/"), ApiKey = "k" }))
                    True((ServicePointManager.SecurityProtocol & SecurityProtocolType.Tls12) != 0, "TLS 1.2 is not offered: " + ServicePointManager.SecurityProtocol);
            }),
            ("no 'Expect: 100-continue' before a POST", () =>
            {
                using (var client = new JuheClient(new JuheClientOptions { BaseUri = new Uri("https://provider.invalid/"), ApiKey = "k" }))
                    True(client.Http.DefaultRequestHeaders.ExpectContinue == false, "Expect: 100-continue is on");
            }),
            ("a run against the sandbox: verdicts, no record, dedup, order", () =>
            {
                using (var server = new SandboxServer())
                using (var run = new VerificationRun(new VerificationOptions { ThrottleLimit = 4, Detail = true },
                    new JuheClient(new JuheClientOptions { BaseUri = server.BaseUri, ApiKey = server.ApiKey, OpenId = server.OpenId, Timeout = TimeSpan.FromSeconds(10) }), ownsClient: true))
                {
                    var rows = new[] { ("李雷", "44030619851212123X", "18900001234"), ("韩梅梅", "44030619851212123X", "18900001234"), ("李雷", "44030619851212123X", "18900005555"), ("李雷", "44030619851212123X", "18900001234") };
                    foreach (var (name, id, mobile) in rows) run.Submit(new BoundRow { RealName = name, IdCard = id, Mobile = mobile });
                    var results = run.TakeFinished(0, CancellationToken.None).Select(o => o.Result).ToList();
                    Equal("1,2,3,4", string.Join(",", results.Select(r => r.Row)));
                    Equal("Match,Mismatch,NoRecord,Match", string.Join(",", results.Select(r => r.Status)));
                    Equal(3L, server.RequestCount);
                }
            }),
            ("the encrypted endpoint against the sandbox", () =>
            {
                using (var server = new SandboxServer())
                using (var client = new JuheClient(new JuheClientOptions { BaseUri = server.BaseUri, ApiKey = server.ApiKey, OpenId = server.OpenId, Timeout = TimeSpan.FromSeconds(10) }))
                {
                    var reply = client.QueryAsync("李雷", "44030619851212123X", "18900001234", true, JuheEndpoint.Encrypted, CancellationToken.None).GetAwaiter().GetResult();
                    Equal(0, reply.ErrorCode);
                    Equal(1, reply.Result.Res);
                }
            }),
            ("a time-out after sending is possibly billed, not retried", () =>
            {
                using (var server = new SandboxServer())
                using (var run = new VerificationRun(new VerificationOptions { ThrottleLimit = 1 },
                    new JuheClient(new JuheClientOptions { BaseUri = server.BaseUri, ApiKey = server.ApiKey, Timeout = TimeSpan.FromSeconds(1) }), ownsClient: true))
                {
                    run.Submit(new BoundRow { RealName = "李雷", IdCard = "44030619851212123X", Mobile = "18999000408" });
                    var result = run.TakeFinished(0, CancellationToken.None).Single().Result;
                    Equal("Failed", result.Status);
                    True(result.PossiblyBilled, "not marked possibly billed");
                    Equal(1L, server.RequestCount);
                }
            }),
        };

        /// <summary>
        /// The cmdlet assembly as Windows PowerShell 5.1 would meet it: loaded for reflection only (5.1's SMA here is a
        /// reference assembly, which no runtime executes) against that SMA, every type resolved, every cmdlet found with
        /// the types of its parameters. A cmdlet cannot be run: there is no PowerShell 5.1 on this machine.
        /// </summary>
        private static void CmdletsResolveAgainstPowerShell51()
        {
            string bin = AppDomain.CurrentDomain.BaseDirectory;
            ResolveEventHandler resolve = (sender, e) =>
            {
                string path = Path.Combine(bin, new System.Reflection.AssemblyName(e.Name).Name + ".dll");
                return File.Exists(path) ? System.Reflection.Assembly.ReflectionOnlyLoadFrom(path) : System.Reflection.Assembly.ReflectionOnlyLoad(e.Name);
            };
            AppDomain.CurrentDomain.ReflectionOnlyAssemblyResolve += resolve;
            try
            {
                var cmdlets = System.Reflection.Assembly.ReflectionOnlyLoadFrom(Path.Combine(bin, "TelecomVerify.dll")).GetTypes()
                    .Where(t => t.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute")).ToList();
                Equal(11, cmdlets.Count);
                foreach (var cmdlet in cmdlets)
                    foreach (var property in cmdlet.GetProperties())
                        True(property.PropertyType.FullName != null, cmdlet.Name + "." + property.Name + " has no type");
            }
            finally { AppDomain.CurrentDomain.ReflectionOnlyAssemblyResolve -= resolve; }
        }

        public static int Main()
        {
            Checks.Add(("the cmdlet assembly resolves against Windows PowerShell 5.1's SMA (reflection only)", CmdletsResolveAgainstPowerShell51));
            Console.OutputEncoding = new UTF8Encoding(false);
            Console.WriteLine("The core on " + System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription + " (standing in for .NET Framework 4.7.2)");
            int passed = 0, failed = 0;
            foreach (var (name, check) in Checks)
            {
                try
                {
                    check();
                    passed++;
                    Console.WriteLine("  [+] " + name);
                }
                catch (Exception ex)
                {
                    failed++;
                    Console.WriteLine("  [-] " + name + ": " + ex.GetType().Name + ": " + ex.Message);
                }
            }
            Console.WriteLine("Compat: " + passed + " passed, " + failed + " failed");
            return failed == 0 ? 0 : 1;
        }

        /// <summary>The folder that holds tests/Pester/Data, above this program's own.</summary>
        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppDomain.CurrentDomain.BaseDirectory); dir != null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, "tests", "Pester", "Data"))) return dir.FullName;
            throw new DirectoryNotFoundException("tests/Pester/Data was not found above " + AppDomain.CurrentDomain.BaseDirectory);
        }

        private static void Equal<T>(T expected, T actual)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual)) throw new Exception("expected " + expected + ", got " + actual);
        }

        private static void True(bool condition, string what)
        {
            if (!condition) throw new Exception(what);
        }
    }
}
