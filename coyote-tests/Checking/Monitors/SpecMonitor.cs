using System.Runtime.CompilerServices;
using Wireless.Checking.Seam;
using Wireless.Memory;
using Wireless.Orchestration;
using Wireless.Verification;

namespace Wireless.Checking.Monitors;

/// <summary>
/// The specification's safety properties, checked at every protocol event the runtime reports (spec/SPEC.md §3),
/// against the ground-truth dependency structure from the sequential reference:
/// <list type="bullet">
/// <item>S1 every task is dispatched exactly once (a MIX task once per subtask) and completes exactly once;</item>
/// <item>S2 no kernel starts before every producer of its task completed;</item>
/// <item>S3 no slot is reclaimed while its task or a published consumer may still use it, and no task is published
/// naming a reclaimed producer or reading the buffer of one;</item>
/// <item>S4 the watermark only grows and never covers an incomplete task.</item>
/// </list>
/// The output check (S5) runs at the end of the iteration. Violations fail the iteration through
/// <see cref="CheckFailure.Report"/> with a message naming the property.
/// Progress events are forwarded to the liveness monitor.
/// </summary>
public sealed class SpecMonitor
{
    private readonly ProgramStructure _structure;
    private readonly int[][] _consumers;
    private readonly int _first;
    private readonly Func<int, int[]> _runtimeFanin;
    private readonly bool[] _completed;
    /// <summary>For each task, the published tasks whose runtime fanin list names it.</summary>
    private readonly List<int>[] _namedBy;
    private readonly bool[] _published;
    private readonly bool[] _reclaimed;
    private readonly int[] _dispatches;
    private int _watermark;
    private int _completedCount;

    public SpecMonitor(ProgramStructure structure, int firstLocalId, Func<int, int[]> runtimeFanin)
    {
        _structure = structure;
        _consumers = structure.Consumers();
        _first = firstLocalId;
        _runtimeFanin = runtimeFanin;
        _completed = new bool[structure.TaskCount];
        _namedBy = new List<int>[structure.TaskCount];
        for (var i = 0; i < _namedBy.Length; i++) _namedBy[i] = [];
        _published = new bool[structure.TaskCount];
        _reclaimed = new bool[structure.TaskCount];
        _dispatches = new int[structure.TaskCount];
        _watermark = unchecked(firstLocalId - 1);
    }

    public int CompletedCount => _completedCount;

    private int Index(int localId) => LocalId.Distance(_first, localId);

    private string Name(int index) => $"task #{index} ({_structure.Shapes[index]}{(_structure.IsAlloc[index] ? ", alloc_tensors" : "")})";

    public void Observe(SpecEvent evt, int id, long value)
    {
        switch (evt)
        {
            case SpecEvent.TaskPublished:
                OnPublished(Index(id));
                break;
            case SpecEvent.TaskDispatched:
                OnDispatched(Index(id));
                break;
            case SpecEvent.KernelStarted:
                OnKernelStarted(Index(id));
                break;
            case SpecEvent.TaskCompleted:
            case SpecEvent.TaskCompletedInline:
                OnCompleted(Index(id));
                break;
            case SpecEvent.WatermarkAdvanced:
                OnWatermark(id);
                break;
            case SpecEvent.SlotReclaimed:
                OnReclaimed(Index(id));
                break;
        }
        if (IsProgress(evt)) ProgressMonitor.NotifyProgress();
    }

    /// <summary>
    /// The events that move the run forward: not a blocked orchestrator, and not the labels only the conformance check
    /// reads, so liveness is judged on the same events with or without them (Classified, in particular, repeats for as
    /// long as thread 0 re-polls a task with two unmet producers: spinning, not progress).
    /// </summary>
    private static bool IsProgress(SpecEvent evt)
        => evt is not (SpecEvent.OrchestratorBlocked or SpecEvent.Stamped or SpecEvent.Unpinned or SpecEvent.Classified
            or SpecEvent.Registered or SpecEvent.Readied);

    private void OnPublished(int c)
    {
        _published[c] = true;
        foreach (var p in _runtimeFanin(LocalId.Add(_first, c)))
        {
            var pi = Index(p);
            Check(!_reclaimed[pi], "S3", $"{Name(c)} was published naming {Name(pi)} as a fanin, but that producer's slot was already reclaimed (it now belongs to another task)");
            _namedBy[pi].Add(c);
        }
        var producers = _structure.Producers[c];
        for (var i = 0; i < producers.Length; i++)
        {
            if (_structure.ProducerKinds[c][i] != EdgeKind.Creator) continue;
            Check(!_reclaimed[producers[i]], "S3", $"{Name(c)} reads a buffer of {Name(producers[i])}, which was already reclaimed (its heap block may be reused)");
        }
    }

    private void OnDispatched(int t)
    {
        var expected = _structure.Subtasks(t);
        _dispatches[t]++;
        Check(_dispatches[t] <= expected, "S1", $"{Name(t)} was dispatched {_dispatches[t]} times (expected {expected})");
    }

    private void OnKernelStarted(int t)
    {
        foreach (var p in _structure.Producers[t])
            Check(_completed[p], "S2", $"{Name(t)} started running before its producer {Name(p)} completed");
    }

    private void OnCompleted(int t)
    {
        Check(!_completed[t], "S1", $"{Name(t)} completed twice");
        _completed[t] = true;
        _completedCount++;
    }

    private void OnWatermark(int w)
    {
        Check(w != _watermark, "S4", $"the watermark was advanced to {w} twice: two advances raced and one stored over the other");
        Check(LocalId.Before(_watermark, w), "S4", $"the watermark moved backwards from {_watermark} to {w}");
        for (var t = LocalId.Next(_watermark); LocalId.AtOrBefore(t, w); t = LocalId.Next(t))
        {
            var i = Index(t);
            Check(i >= 0 && i < _completed.Length, "S4", $"the watermark passed local id {t}, which was never allocated");
            Check(_completed[i], "S4", $"the watermark passed {Name(i)}, which has not completed");
        }
        if (LocalId.Before(_watermark, w)) _watermark = w;
    }

    private void OnReclaimed(int t)
    {
        Check(_completed[t], "S3", $"the slot of {Name(t)} was reclaimed before the task completed");
        // Consumers that name the slot (its flag, its wake list) must be done with it.
        foreach (var c in _namedBy[t])
            Check(_completed[c], "S3", $"the slot of {Name(t)} was reclaimed while its consumer {Name(c)}, which names it as a fanin, had not completed");
        // Consumers that read its buffers must be done with them, whether or not they still name the slot.
        for (var i = 0; i < _consumers[t].Length; i++)
        {
            var c = _consumers[t][i];
            if (_published[c] && IsCreatorEdge(c, t))
                Check(_completed[c], "S3", $"the slot and buffers of {Name(t)} were reclaimed while {Name(c)}, which reads them, had not completed");
        }
        _reclaimed[t] = true;
    }

    private bool IsCreatorEdge(int consumer, int producer)
    {
        var producers = _structure.Producers[consumer];
        for (var i = 0; i < producers.Length; i++)
            if (producers[i] == producer) return _structure.ProducerKinds[consumer][i] == EdgeKind.Creator;
        return false;
    }

    /// <summary>End of the iteration: every task completed once and ran on as many cores as it needs.</summary>
    public void CheckFinished()
    {
        for (var t = 0; t < _completed.Length; t++)
        {
            Check(_completed[t], "L1", $"{Name(t)} never completed");
            Check(_dispatches[t] == _structure.Subtasks(t), "S1", $"{Name(t)} was dispatched {_dispatches[t]} times (expected {_structure.Subtasks(t)})");
        }
    }

    /// <summary>Fails the iteration with "[property] message" unless <paramref name="condition"/> holds.</summary>
    /// <param name="message">Formatted only when the check fails (its holes are not even evaluated otherwise).</param>
    public static void Check(bool condition, string property, [InterpolatedStringHandlerArgument(nameof(condition))] ref FailureMessage message)
    {
        if (!condition) CheckFailure.Report($"[{property}] {message.ToStringAndClear()}");
    }

    /// <summary>The message of a check, built only if the check fails.</summary>
    [InterpolatedStringHandler]
    public ref struct FailureMessage
    {
        private DefaultInterpolatedStringHandler _text;

        public FailureMessage(int literalLength, int formattedCount, bool condition, out bool build)
        {
            build = !condition;
            _text = build ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        }

        public void AppendLiteral(string value) => _text.AppendLiteral(value);

        public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

        public string ToStringAndClear() => _text.ToStringAndClear();
    }
}
