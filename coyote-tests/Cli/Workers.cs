using System.Diagnostics;
using Wireless.Checking.Exploration;

namespace Wireless.Checking.Cli;

/// <summary>
/// <c>explore --workers N</c>: runs N parts of the exploration (<see cref="Shard"/>) in child processes of this same
/// command line, relays their progress lines, and merges their results files. Each child is an ordinary
/// <c>explore --shard i/n --results file --workers 1</c>, so a part on another machine (a CI matrix job) is the same
/// command. A child that finds a bug in a scenario makes the others stop exploring it (a mark in a shared folder).
/// </summary>
internal static class Workers
{
    /// <summary>
    /// Runs part <paramref name="shard"/> split <paramref name="workers"/> ways; <paramref name="childArguments"/> are the
    /// explore arguments without --shard, --results and --workers. Returns the merged outcomes, or null (after saying why
    /// on <paramref name="error"/>) if a child failed.
    /// </summary>
    public static IReadOnlyList<ScenarioOutcome>? Run(int workers, Shard shard, IReadOnlyList<string> childArguments, TextWriter output, TextWriter error)
    {
        var folder = Directory.CreateTempSubdirectory("wireless-explore-");
        try
        {
            var children = new List<(Process Process, Shard Part, string Results, Task Pump)>();
            var gate = new object();
            for (var w = 0; w < workers; w++)
            {
                var part = shard.Split(w, workers);
                var results = Path.Combine(folder.FullName, $"part-{part.Index}.json");
                var process = Start(childArguments.Concat(["--shard", part.ToString(), "--results", results, "--workers", "1", "--stop-folder", folder.FullName]),
                    workers <= Environment.ProcessorCount ? w : null);
                var pump = Task.WhenAll(
                    Relay(process.StandardOutput, output, $"[{part}] ", progressOnly: true, gate),
                    Relay(process.StandardError, error, $"[{part}] ", progressOnly: false, gate));
                children.Add((process, part, results, pump));
            }
            var parts = new List<ExploreResults>();
            var failed = false;
            foreach (var (process, part, results, pump) in children)
            {
                process.WaitForExit();
                pump.Wait();
                if (process.ExitCode is ExitCodes.Ok or ExitCodes.Bug && File.Exists(results))
                {
                    parts.Add(ExploreResults.Load(results));
                    continue;
                }
                error.WriteLine($"error: the worker exploring part {part} exited with code {process.ExitCode} without results");
                failed = true;
            }
            return failed ? null : ExploreResults.Merge(parts, out _);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// This command line again, as a child process: the host (and the assembly, when run by <c>dotnet</c>). With
    /// <paramref name="cpu"/>, the child runs on that CPU alone and knows it: Coyote hands control from thread to thread,
    /// and on a CPU of its own a handoff is a plain context switch, not a spin on the other CPUs (measured on 2 cores:
    /// two pinned workers 1.8× one, two unpinned none faster).
    /// </summary>
    private static Process Start(IEnumerable<string> arguments, int? cpu)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            info.ArgumentList.Add(typeof(Workers).Assembly.Location);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        if (cpu is not null) info.Environment["DOTNET_PROCESSOR_COUNT"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {host}");
        if (cpu is { } c && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            try
            {
                // Its main thread, before it starts any other: the threads it starts inherit the affinity.
                process.ProcessorAffinity = (nint)(1L << (c % Math.Min(Environment.ProcessorCount, 64)));
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or PlatformNotSupportedException)
            {
                // Not pinned: slower, still right.
            }
        }
        return process;
    }

    /// <summary>
    /// Copies a child's lines with a prefix. Of its standard output only the progress and per-scenario lines (indented
    /// lines before its closing table, which the parent prints merged) are relayed.
    /// </summary>
    private static async Task Relay(StreamReader from, TextWriter to, string prefix, bool progressOnly, object gate)
    {
        var table = false;
        while (await from.ReadLineAsync() is { } line)
        {
            if (progressOnly)
            {
                if (line.Length == 0) table = true;
                if (table || !line.StartsWith("  ", StringComparison.Ordinal)) continue;
            }
            lock (gate) to.WriteLine(prefix + line);
        }
    }
}
