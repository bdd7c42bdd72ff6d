using FsCheck;
using FsCheck.Experimental;
using FsCheck.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace Wireless.Properties;

/// <summary>
/// Property 3, the protocol: the ring allocator with watermark and reclamation, the completion flags and the wake
/// lists with their sentinel behave as <see cref="ProtocolModel"/> says, step by step (<see cref="ProtocolMachine"/>).
/// Teeth: every seeded-bug variant that changes the protocol's sequential behaviour is caught, with the handful of
/// steps that expose it. (plain-watermark, lost-reclamation and unchecked-stamp differ only under concurrency: the
/// Coyote properties catch those.)
/// </summary>
public sealed class ProtocolProperties(ITestOutputHelper output)
{
    [Property(MaxTest = 200)]
    public Property The_protocol_on_one_ring_behaves_as_its_model() => new ProtocolMachine(Bug.None).ToProperty();

    public static TheoryData<string, int> Variants => new()
    {
        // variant,                  most steps in the shrunk run
        { "ignore-last-fanin",          4 },
        { "double-wake",                5 },
        { "no-sentinel",                3 },
        { "reclaim-ignores-consumer",   5 },
        { "unbounded-watermark",        8 },
        { "watermark-stall",            6 },
        { "cursor-past-unmet",          8 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Is_falsified_with_a_short_run_by(string variant, int maxSteps)
    {
        var found = PropertyCheck.ExpectFailure(new ProtocolMachine(BugCatalog.Parse(variant)).ToProperty(), maxTest: 300, output);
        var run = Assert.IsType<MachineRun<IProtocolUnderTest, ProtocolModel>>(found.Shrunk);
        Assert.True(run.Operations.Length <= maxSteps, $"the shrunk run has {run.Operations.Length} steps:{Environment.NewLine}{run}");
    }
}
