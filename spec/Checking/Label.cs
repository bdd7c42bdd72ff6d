namespace Wireless.Spec.Checking;

/// <summary>
/// An observable action: its kind, the thread that performed it (<see cref="Orchestrator"/> or a scheduler's index
/// + 1; <see cref="Any"/> when an observation does not say), a task id and one more value whose meaning depends on
/// the kind (see <see cref="LabelKind"/>). The model labels its steps with these; the runtime reports them.
/// </summary>
public readonly record struct Label(LabelKind Kind, int Actor, int Task, long Other)
{
    /// <summary>The orchestrator's thread number.</summary>
    public const int Orchestrator = 0;

    /// <summary>In an observation: the actor or the value is not given and matches anything.</summary>
    public const int Any = -1;

    /// <summary><see cref="LabelKind.Classified"/>: no unmet fanin, the task goes to the ready queue.</summary>
    public const long ClassifiedReady = -2;

    /// <summary><see cref="LabelKind.Classified"/>: two or more unmet fanins, the task goes back to the pending FIFO.</summary>
    public const long ClassifiedPending = -3;

    /// <summary>No label.</summary>
    public static Label None => default;

    /// <summary>The thread number of scheduler <paramref name="index"/>.</summary>
    public static int Scheduler(int index) => index + 1;

    public static Label Published(int task, long fanin = Any, int actor = Orchestrator) => new(LabelKind.Published, actor, task, fanin);
    public static Label CompletedInline(int task, int actor = Orchestrator) => new(LabelKind.CompletedInline, actor, task, Any);
    public static Label Stamped(int producer, int consumer, int actor = Orchestrator) => new(LabelKind.Stamped, actor, producer, consumer);
    public static Label Unpinned(int task, int actor = Orchestrator) => new(LabelKind.Unpinned, actor, task, Any);
    public static Label Classified(int task, long outcome, int actor = Any) => new(LabelKind.Classified, actor, task, outcome);
    public static Label Registered(int consumer, int producer, int actor = Any) => new(LabelKind.Registered, actor, consumer, producer);
    public static Label Readied(int task, int actor = Any) => new(LabelKind.Readied, actor, task, Any);
    public static Label Dispatched(int task, int actor = Any) => new(LabelKind.Dispatched, actor, task, Any);
    public static Label Completed(int task, int actor = Any) => new(LabelKind.Completed, actor, task, Any);
    public static Label WatermarkAdvanced(int watermark, int actor = Any) => new(LabelKind.WatermarkAdvanced, actor, watermark, Any);
    public static Label Reclaimed(int task, int actor = Any) => new(LabelKind.Reclaimed, actor, task, Any);
    public static Label OrchestrationDone(int actor = Orchestrator) => new(LabelKind.OrchestrationDone, actor, Any, Any);

    /// <summary>True if this observation matches the model's label <paramref name="step"/> (<see cref="Any"/> matches anything).</summary>
    public bool Matches(Label step)
        => Kind == step.Kind
           && (Actor == Any || Actor == step.Actor)
           && (Task == Any || Task == step.Task)
           && (Other == Any || Other == step.Other);

    public override string ToString()
    {
        var who = Actor == Any ? "" : Actor == Orchestrator ? " by orch" : $" by sched-{Actor - 1}";
        if (Kind == LabelKind.OrchestrationDone) return Kind + who;
        var task = Task == Any ? "?" : Task.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var other = Other == Any ? "" : Kind switch
        {
            LabelKind.Published => $", fanin {{{string.Join(", ", Bits(Other))}}}",
            LabelKind.Stamped => $", consumer {Other}",
            LabelKind.Registered => $", on producer {Other}",
            LabelKind.Classified => Other switch
            {
                ClassifiedReady => ": ready",
                ClassifiedPending => ": pending (2+ unmet)",
                _ => $": waits on {Other}",
            },
            _ => "",
        };
        return $"{Kind}({task}{other}){who}";
    }

    private static IEnumerable<int> Bits(long mask)
    {
        for (var i = 0; i < 64; i++)
            if (((ulong)mask >> i & 1) != 0) yield return i;
    }
}
