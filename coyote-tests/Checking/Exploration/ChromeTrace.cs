using System.Text.Json;
using System.Text.Json.Serialization;
using Wireless.Checking.Seam;

namespace Wireless.Checking.Exploration;

/// <summary>
/// Writes a replayed interleaving as Chrome trace-event JSON, for Perfetto UI (ui.perfetto.dev) and chrome://tracing: one
/// track (tid) per runtime thread and core, named by metadata and ordered as <see cref="Interleaving.Threads"/>; one step
/// is one microsecond. Each run of a thread's consecutive steps in one spec action is a slice named by the action, with
/// a one-step slice per access inside it; a protocol event is a one-step slice of its own; a flow arrow runs from each
/// store to every load that read it (<see cref="TraceStep.ReadFrom"/>); the violated property is a global instant at
/// the step where the run stopped. Every step is kept: the viewer zooms, so nothing is folded.
/// </summary>
public static class ChromeTrace
{
    private const int Pid = 1;

    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(string path, Interleaving interleaving, ReplayOutcome outcome)
    {
        var trace = outcome.Trace;
        var steps = interleaving.Steps;
        var tids = interleaving.Threads.Select((name, i) => (name, tid: i + 1)).ToDictionary(p => p.name, p => p.tid);
        var events = new List<ChromeTraceEvent>
        {
            new("process_name", "M", Pid, 0) { Args = Arg("name", $"{trace.Scenario} / {trace.Variant} ({trace.Runtime})") },
        };
        foreach (var (name, tid) in tids)
        {
            events.Add(new("thread_name", "M", Pid, tid) { Args = Arg("name", name) });
            events.Add(new("thread_sort_index", "M", Pid, tid) { Args = new Dictionary<string, object> { ["sort_index"] = tid } });
        }

        var slices = new List<ChromeTraceEvent>();
        foreach (var thread in steps.GroupBy(s => s.Thread))
        {
            var tid = tids[thread.Key];
            var own = thread.ToList();
            for (var i = 0; i < own.Count;)
            {
                var j = i + 1;
                while (own[i].Action is not null && j < own.Count && own[j].Action == own[i].Action) j++;
                var first = own[i];
                if (first.Action is null)
                {
                    slices.Add(new(first.Location, "X", Pid, tid) { Cat = "event", Ts = first.Number, Dur = 1, Args = StepArgs(first) });
                }
                else
                {
                    slices.Add(new(first.Action.ToString()!, "X", Pid, tid) { Cat = "action", Ts = first.Number, Dur = own[j - 1].Number - first.Number + 1 });
                    for (var k = i; k < j; k++)
                        slices.Add(new($"{own[k].What} {own[k].Location}", "X", Pid, tid) { Cat = "access", Ts = own[k].Number, Dur = 1, Args = StepArgs(own[k]) });
                }
                i = j;
            }
        }
        // Stable: an action's slice stays before the first access it encloses, which starts at the same time.
        events.AddRange(slices.OrderBy(e => e.Ts));

        var byNumber = steps.ToDictionary(s => s.Number);
        foreach (var load in steps)
        {
            if (load.ReadFrom is not { } from || !byNumber.TryGetValue(from, out var store)) continue;
            events.Add(new("reads from", "s", Pid, tids[store.Thread]) { Cat = "reads-from", Ts = store.Number, Id = load.Number });
            events.Add(new("reads from", "f", Pid, tids[load.Thread]) { Cat = "reads-from", Ts = load.Number, Id = load.Number, Bp = "e" });
        }

        if (steps.Count > 0 && (outcome.Bug ?? outcome.Divergence) is { } verdict)
        {
            var last = steps[^1];
            var name = outcome.Bug is { } bug ? $"Violated: {bug.Split(':')[0]}" : "Diverged";
            var args = new Dictionary<string, object> { ["message"] = verdict, ["step"] = last.Number };
            if (outcome.FinalState.Length > 0) args["state"] = outcome.FinalState.TrimEnd();
            events.Add(new(name, "i", Pid, tids[last.Thread]) { Cat = "violation", Ts = last.Number, S = "g", Args = args });
        }

        var other = new Dictionary<string, string>
        {
            ["scenario"] = trace.Scenario,
            ["variant"] = trace.Variant,
            ["runtime"] = trace.Runtime,
            ["found"] = $"strategy {trace.Strategy}, seed {trace.Seed}; {trace.Source}",
            ["time"] = "one microsecond per step of the interleaving",
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, new ChromeTraceFile(events, other), s_options);
    }

    private static Dictionary<string, object> Arg(string key, string value) => new() { [key] = value };

    private static Dictionary<string, object> StepArgs(TraceStep s)
    {
        var args = new Dictionary<string, object> { ["step"] = s.Number, ["location"] = s.Location, ["value"] = s.Value };
        if (s.Action is not null) args["access"] = s.What;
        if (s.ReadFrom is { } from) args["read_from_step"] = from;
        return args;
    }
}
