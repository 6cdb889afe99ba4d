using System;
using System.Linq;
using System.Threading;
using TelecomVerify.Verification;
using Xunit;

namespace TelecomVerify.Tests.Core
{
    /// <summary>GC.GetTotalMemory counts the whole process: no other test may allocate meanwhile.</summary>
    [Collection(TimingSensitive.Name)]
    public class MemoryTests
    {
        [Fact]
        public void Memory_grows_by_little_more_than_the_dedup_table_however_many_rows_stream()
        {
            const int rows = 20000;
            using (var sandbox = new SandboxFixture())
            using (var run = new VerificationRun(SandboxFixture.FastOptions(throttle: 16), sandbox.Client(), ownsClient: true))
            {
                long before = 0;
                int taken = 0;
                for (int i = 0; i < rows; i++)
                {
                    run.Submit(SandboxFixture.Row("李雷", "44030619851212123X", "189" + i.ToString("D8")));
                    taken += run.TakeFinished(64, CancellationToken.None).Count();
                    if (i == 1000) before = GC.GetTotalMemory(true);
                }
                taken += run.TakeFinished(0, CancellationToken.None).Count();
                long grown = GC.GetTotalMemory(true) - before;
                Assert.Equal(rows, taken);
                Assert.Equal(rows, sandbox.Server.RequestCount);
                // 19 000 remembered identities, the in-process sandbox's own bookkeeping included:
                // about 140 bytes each here. Keeping rows, results, order IDs or finished tasks would
                // cost several times that (271 bytes before the per-call details were dropped).
                Assert.True(grown < 19000 * 200, "grew " + grown / 1024 + " KiB, " + grown / 19000 + " bytes per identity");
            }
        }
    }
}
