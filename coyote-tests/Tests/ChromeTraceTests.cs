using System.Text.Json;
using System.Text.RegularExpressions;
using Wireless.Checking.Cli;
using Wireless.Checking.Exploration;
using Xunit;

namespace Wireless.Checking.Tests;

/// <summary>
/// <c>replay</c> exports the interleaving as Chrome trace-event JSON (Perfetto UI, chrome://tracing): a named track per
/// thread and core, a slice per spec action, the violated property as an instant, and flow arrows from each store to
/// the loads that read it; the store a load read is the one the replay's text names.
/// </summary>
[Collection(CoyoteCollection.Name)]
public sealed partial class ChromeTraceTests
{
    private static string Pinned(string name) => Path.Combine(AppContext.BaseDirectory, "regressions", $"{name}.trace");

    [Fact(Timeout = 120_000)]
    public async Task The_pinned_watermark_stall_opens_as_tracks_slices_flows_and_the_violation()
    {
        var folder = Path.Combine(Checks.TraceFolder, Guid.NewGuid().ToString("N"));
        var (exit, output) = await Task.Run(() => Checks.RunCommandLine("replay", Pinned("watermark-stall"), "--out", folder));
        Assert.Equal(ExitCodes.Bug, exit);
        var path = Path.Combine(Path.GetFullPath(folder), "watermark-stall.chrome-trace.json");
        Assert.Contains(path, output);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var events = document.RootElement.GetProperty("traceEvents").EnumerateArray().ToList();
        string Ph(JsonElement e) => e.GetProperty("ph").GetString()!;
        string Name(JsonElement e) => e.GetProperty("name").GetString()!;
        int Tid(JsonElement e) => e.GetProperty("tid").GetInt32();

        // A named track per thread and core, and every event on a named track.
        var tracks = events.Where(e => Ph(e) == "M" && Name(e) == "thread_name")
            .ToDictionary(Tid, e => e.GetProperty("args").GetProperty("name").GetString()!);
        Assert.Subset(tracks.Values.ToHashSet(), new HashSet<string> { "orch", "sched-0", "sched-1", "core-0", "core-5", "aicpu-0" });
        Assert.All(events.Where(e => Ph(e) != "M"), e => Assert.True(tracks.ContainsKey(Tid(e)), $"event {Name(e)} on an unnamed track {Tid(e)}"));

        // A slice per spec action, the accesses inside it.
        var slices = events.Where(e => Ph(e) == "X").ToList();
        Assert.Contains(slices, e => Name(e) == "AdvanceWatermark" && tracks[Tid(e)] == "sched-0" && e.GetProperty("dur").GetInt64() >= 1);
        Assert.Contains(slices, e => Name(e) == "TaskCompleted");

        // The violation, as an instant at the last step.
        var violation = Assert.Single(events, e => Ph(e) == "i");
        Assert.StartsWith("Violated: [L1] deadlock", Name(violation));
        Assert.Equal(slices.Max(e => e.GetProperty("ts").GetInt64()), violation.GetProperty("ts").GetInt64());

        // Flows: every start has its end with the same id, the store before the load, both on a slice of the same time.
        var starts = events.Where(e => Ph(e) == "s").ToDictionary(e => e.GetProperty("id").GetInt64());
        var ends = events.Where(e => Ph(e) == "f").ToList();
        Assert.NotEmpty(ends);
        foreach (var end in ends)
        {
            var start = starts[end.GetProperty("id").GetInt64()];
            Assert.Equal(start.GetProperty("cat").GetString(), end.GetProperty("cat").GetString());
            Assert.True(start.GetProperty("ts").GetInt64() < end.GetProperty("ts").GetInt64());
            Assert.Contains(slices, x => Tid(x) == Tid(start) && x.GetProperty("ts").GetInt64() == start.GetProperty("ts").GetInt64() && Regex.IsMatch(Name(x), "^(store|exchange|fetch_|cas)"));
        }
        // The watermark's CAS by sched-0 read the store of an earlier advance.
        Assert.Contains(ends, e => tracks[Tid(e)] == "sched-0" && slices.Any(x => Tid(x) == Tid(e) && x.GetProperty("ts").GetInt64() == e.GetProperty("ts").GetInt64() && Name(x).StartsWith("cas seq_cst ring.completed_watermark", StringComparison.Ordinal)));
    }

    /// <summary>Under the memory model a load may read an older store; the step it records is the one the text names.</summary>
    [Theory(Timeout = 120_000)]
    [InlineData("relaxed-sentinel-read")]
    [InlineData("acqrel-frontier")]
    public async Task The_recorded_store_of_a_load_is_the_one_its_text_names(string name)
    {
        var replay = await Task.Run(() => Replayer.Replay(BugTrace.Load(Pinned(name))));
        var older = 0;
        foreach (var step in replay.Steps)
        {
            var named = StoreAtStep().Match(step.Value);
            if (!named.Success) continue;
            older++;
            Assert.Equal(long.Parse(named.Groups[1].Value), step.ReadFrom);
        }
        Assert.True(older > 0, $"no load of {name} read an older store");
        Assert.True(replay.Steps.Count(s => s.ReadFrom is not null) > older, "no load read the newest store");
    }

    [GeneratedRegex(@"from the store at step (\d+) by")]
    private static partial Regex StoreAtStep();
}
