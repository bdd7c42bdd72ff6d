using Xunit;

namespace Wireless.Tests;

/// <summary>Not run in parallel with other tests: these capture the process's console.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

/// <summary>
/// The perf command line as a newcomer meets it: bad input gets one line that says what to change and exit 2, and a
/// good run's output says what its numbers are.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PerfCommandLineTests
{
    /// <summary>Runs <c>perf</c> with <paramref name="args"/>; returns its exit code, standard output and error lines.</summary>
    internal static (int Exit, string Output, string[] Errors) Perf(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exit = Wireless.Perf.Program.Main(args);
            return (exit, output.ToString(), error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }

    /// <summary>Exit 2 with exactly one error line, which is returned.</summary>
    private static string AssertBadInput((int Exit, string Output, string[] Errors) run)
    {
        Assert.Equal(2, run.Exit);
        return Assert.Single(run.Errors);
    }

    private static string TempFile(string extension, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"perf-cli-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData("runn", "run")]
    [InlineData("lst", "list")]
    [InlineData("bnech", "bench")]
    public void A_mistyped_command_gets_one_line_naming_the_nearest_command(string typed, string nearest)
    {
        var line = AssertBadInput(Perf(typed, "paged-attention-small1"));
        Assert.Contains($"'{typed}' is not a command; did you mean '{nearest}'?", line);
    }

    [Fact]
    public void Too_many_schedulers_names_the_option_and_its_maximum()
    {
        var line = AssertBadInput(Perf("run", "paged-attention-small1", "--schedulers", "1000"));
        Assert.Contains("--schedulers must be <= 61 without --cpus (got 1000)", line);
        Assert.DoesNotContain("CPU id 64", line);
    }

    [Fact]
    public void A_JSON_DAG_is_read_from_an_existing_file_whatever_its_extension()
    {
        var dag = TempFile(".txt", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "diamond.json")));
        var run = Perf("run", dag, "--no-profile");
        Assert.Equal(0, run.Exit);
        Assert.Contains("diamond (4 tasks)", run.Output);

        var missing = AssertBadInput(Perf("run", Path.Combine(Path.GetTempPath(), "no-such-dag.txt")));
        Assert.Contains("unknown workload", missing);
        Assert.Contains("or the path of a JSON DAG file", missing);
    }

    [Fact]
    public void A_window_too_small_for_a_workload_says_so_and_names_the_smallest_that_fits()
    {
        var line = AssertBadInput(Perf("run", "paged-attention-case4", "--window", "2"));
        Assert.Contains("--window 2 is too small for paged-attention-case4", line);
        Assert.Contains("the smallest window it runs in is 128 (--window 128)", line);
        Assert.DoesNotContain("bad program", line);
        Assert.Equal(2, Perf("run", "paged-attention-case4", "--window", "64").Exit);
        Assert.Equal(0, Perf("run", "paged-attention-case4", "--window", "128", "--no-profile").Exit);
    }

    [Fact]
    public void Run_rejects_a_bad_program_before_printing_its_configuration()
    {
        var tasks = string.Join(", ", Enumerable.Repeat("{ \"shape\": \"AIV\" }", 20));
        var dag = TempFile(".json", $"{{ \"tasks\": [ {tasks}, {{ \"shape\": \"AIV\", \"deps\": [{string.Join(", ", Enumerable.Range(0, 20))}] }} ] }}");
        var run = Perf("run", dag);
        Assert.Contains("more than 16 explicit dependencies", AssertBadInput(run));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Run_says_that_one_run_is_not_a_benchmark_and_points_to_bench()
    {
        var run = Perf("run", "paged-attention-small1");
        Assert.Equal(0, run.Exit);
        Assert.Contains("one cold run, not a benchmark", run.Output);
        Assert.Contains("'bench'", run.Output);
        Assert.Contains("after 2 warm-up runs, not a benchmark", Perf("run", "paged-attention-small1", "--warmup", "2").Output);
        Assert.Contains("the median of 2 runs after 1 warm-up run, not a benchmark", Perf("run", "paged-attention-small1", "--runs", "2", "--warmup", "1").Output);
    }

    [Fact]
    public void Run_says_what_profiling_costs_and_how_to_turn_it_off()
    {
        var on = Perf("run", "paged-attention-small1");
        Assert.Matches(@"Profiling +on: phase timers in the scheduler loop and the orchestrator, [\d,]+ clock reads, about [\d.,]+ (ns|us|ms|s) \([\d.]+% of the run\); --no-profile turns them off", on.Output);
        var off = Perf("run", "paged-attention-small1", "--no-profile");
        Assert.Contains("Profiling     off (--no-profile)", off.Output);
    }

    /// <summary>
    /// paged-attention-small1 is 13 tasks: 12 kernels and the alloc_tensors task of its one sequence, which the
    /// orchestrator completes when it submits it, so no scheduler thread counts it.
    /// </summary>
    [Fact]
    public void The_profile_says_which_tasks_no_scheduler_thread_completed()
    {
        var run = Perf("run", "paged-attention-small1", "--schedulers", "1");
        Assert.Equal(0, run.Exit);
        Assert.Matches(@"\n +0 +[\d,]+ +12 +", run.Output);
        Assert.Contains("13 tasks = 12 completed on cores + 1 alloc_tensors task, which the orchestrator completes when it submits it", run.Output);
    }
}
