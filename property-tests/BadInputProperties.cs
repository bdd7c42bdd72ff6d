using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Verification;
using Xunit;
using Xunit.Abstractions;

namespace Wireless.Properties;

/// <summary>
/// Property 5, bad input. Every malformed configuration is refused before anything starts, with a message naming the
/// option and the bad value, the same by <see cref="RuntimeConfig.Validate"/>, the runtime and the sequential
/// reference. Every malformed program is rejected by the reference and reported by the runtime with the same message
/// (the run ends: its threads were joined), and the same runtime instance then runs a valid program correctly.
/// Teeth: the program property falsified against a variant that leaves the runtime unusable after a run.
/// </summary>
[Collection(RealThreadCollection.Name)]
public sealed class BadInputProperties(ITestOutputHelper output)
{
    [Property(MaxTest = 300)]
    public Property Every_bad_configuration_is_refused_with_a_message_naming_the_option()
        => Prop.ForAll(Generators.BadConfigs, b => Verdict.Of(() => CheckConfig(b)));

    internal static void CheckConfig(BadConfig b)
    {
        var config = b.Config;
        var messages = new[]
        {
            Refusal("RuntimeConfig.Validate", () => config.Validate()),
            Refusal("the runtime", () => new WirelessRuntime<FastMemory>(config)),
            Refusal("the sequential reference", () => new SequentialExecutor(config)),
        };
        foreach (var expected in b.Expected)
            if (!messages[0].Contains(expected, StringComparison.Ordinal))
                throw new PropertyFailure($"the refusal '{messages[0]}' does not say '{expected}'");
        if (messages.Distinct().Count() != 1) throw new PropertyFailure($"the refusals differ: {string.Join(" | ", messages)}");
    }

    private static string Refusal(string who, Action action)
    {
        try
        {
            action();
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        throw new PropertyFailure($"{who} accepted the configuration");
    }

    public static Property BadProgramsAreReported(Bug variant, int timeoutMilliseconds)
        => Prop.ForAll(Generators.BadPrograms, p => Verdict.Of(() => CheckProgram(p, variant, timeoutMilliseconds)));

    internal static void CheckProgram(BadProgram bad, Bug variant, int timeoutMilliseconds)
    {
        var config = bad.Base.Config.ToRuntimeConfig(timeoutMilliseconds, variant);
        var program = new BadProgramWorkload(bad);
        string refusal;
        try
        {
            new SequentialExecutor(config).Run(program);
            throw new PropertyFailure("the sequential reference accepted the malformed program");
        }
        catch (Exception e) when (e is RuntimeErrorException or InvalidOperationException)
        {
            refusal = e.Message;
        }
        if (!refusal.Contains(bad.Expected, StringComparison.Ordinal))
            throw new PropertyFailure($"the reference's error '{refusal}' does not say '{bad.Expected}'");

        var runtime = RealRuns.Create(config);
        var result = RealRuns.Run(runtime, program, RealRuns.LimitFor(config));
        if (result.Error is null) throw new PropertyFailure("the runtime accepted the malformed program");
        var expected = bad.Kind == Malformation.ProgramThrows ? $"the orchestration program threw InvalidOperationException: {refusal}" : refusal;
        if (result.Error != expected) throw new PropertyFailure($"the runtime reported '{result.Error}', the reference '{expected}'");

        var good = bad.Base.Workload();
        var reference = new SequentialExecutor(config).Run(good);
        var next = RealRuns.Run(runtime, good, RealRuns.LimitFor(config));
        if (next.Error is not null) throw new PropertyFailure($"the next run of a valid program on the same runtime failed: {next.Error}{Environment.NewLine}{next.StallDiagnostics}");
        if (Verifier.Compare(reference, next.Record, next.FinalGlobals) is { } mismatch)
            throw new PropertyFailure($"the next run of a valid program on the same runtime is wrong: {mismatch}");
    }

    [Property(MaxTest = 200)]
    public Property Every_malformed_program_is_reported_clearly_and_the_runtime_stays_usable()
        => BadProgramsAreReported(Bug.None, RealThreadProperties.TimeoutMilliseconds);

    [Fact]
    public void Is_falsified_by_a_gate_that_is_not_reset_after_a_run()
    {
        var found = PropertyCheck.ExpectFailure(BadProgramsAreReported(Bug.GateNoReset, timeoutMilliseconds: 300), maxTest: 50, output);
        Assert.Contains("the next run of a valid program on the same runtime", found.Failure);
        var shrunk = Assert.IsType<BadProgram>(found.Shrunk);
        Assert.True(shrunk.Base.Graph.Count <= 2, $"the shrunk counterexample is {shrunk}");
    }
}
