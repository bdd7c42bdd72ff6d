using FsCheck;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;

namespace Wireless.Properties;

/// <summary>
/// Runs a property through FsCheck's API with a fixed configuration (a replay seed, so the generated cases are the
/// same every time) and hands back what it found, for the teeth tests: a property run against a seeded-bug variant
/// must fail, and its shrunk counterexample must be small. Everything FsCheck reports, including the seed to replay
/// it, goes to the test output.
/// </summary>
public static class PropertyCheck
{
    /// <summary>The seed every teeth test starts from (FsCheck's replay: seed, gamma; the gamma must be odd).</summary>
    public const ulong Seed = 20_240_601;
    public const ulong Gamma = 0x9E3779B97F4A7C15;

    /// <summary>What a falsified property reported: the shrunk case, and the violation in words.</summary>
    public sealed record Falsified(object Shrunk, string Failure);

    /// <summary>Checks <paramref name="property"/> for up to <paramref name="maxTest"/> cases; throws if it holds.</summary>
    public static Falsified ExpectFailure(Property property, int maxTest, ITestOutputHelper output, ulong seed = Seed)
    {
        var runner = new CapturingRunner();
        var config = Config.Quick.WithMaxTest(maxTest).WithReplay(seed, Gamma).WithRunner(runner);
        Check.One(config, property);
        var result = runner.Result ?? throw new InvalidOperationException("FsCheck reported no result");
        var report = Runner.onFinishedToString("", result);
        output.WriteLine(report);
        if (result is not TestResult.Failed failed)
            throw new PropertyFailure($"the property held, but it should have failed:{Environment.NewLine}{report}");
        var failure = !failed.Item1.Labels.IsEmpty ? string.Join(Environment.NewLine, failed.Item1.Labels)
            : failed.Item4 is Outcome.Failed { Item: var e } ? e.Message : failed.Item4.ToString();
        var shrunk = failed.Item3.IsEmpty ? failed.Item2.Head : failed.Item3.Head;
        return new Falsified(shrunk, failure);
    }

    /// <summary>Keeps the final result; prints nothing while running.</summary>
    private sealed class CapturingRunner : IRunner
    {
        public TestResult? Result { get; private set; }

        public void OnStartFixture(Type type) { }

        public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every) { }

        public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink) { }

        public void OnFinished(string name, TestResult result) => Result = result;
    }
}
