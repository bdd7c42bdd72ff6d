namespace Wireless.Spec.Model;

public sealed partial class WirelessModel
{
    // Fairness (spec/SPEC.md §6.3), as Streett pairs for the checker:
    //  F1, per thread: weak fairness. A thread that stays enabled takes steps (pair: every state; the thread
    //      disabled, or one of its steps). The orchestrator is disabled while Allocate waits and when done; a
    //      scheduler is disabled at its loop top with no activity that has work.
    //  F2, per scheduler and activity: the loop visits every activity. If the scheduler is at its loop top infinitely
    //      often, then the activity is started infinitely often, or found without work at the loop top infinitely
    //      often (pair: loop-top states; loop top without work for it, or a step that starts it).
    // The runtime's loop guarantees F2: every iteration runs each phase (PollCores, DrainWiring, PollPending, Dispatch).

    private (int Thread, int Activity)[]? _pairs;

    private (int Thread, int Activity)[] Pairs => _pairs ??= BuildPairs();

    private (int Thread, int Activity)[] BuildPairs()
    {
        var pairs = new List<(int, int)>();
        for (var th = 0; th <= _schedulers; th++) pairs.Add((th, 0));
        for (var i = 0; i < _schedulers; i++)
        {
            pairs.Add((Thread(i), ActivityComplete));
            if (i == 0)
            {
                pairs.Add((Thread(i), ActivityDrain));
                pairs.Add((Thread(i), ActivityClassify));
            }
            pairs.Add((Thread(i), ActivityDispatch));
        }
        return [.. pairs];
    }

    public int FairnessPairs => Pairs.Length;

    public string FairnessPairName(int pair)
    {
        var (th, activity) = Pairs[pair];
        return activity == 0 ? $"F1 {ThreadName(th)} steps" : $"F2 {ThreadName(th)} starts {ActivityName(activity)}";
    }

    public bool InP(int pair, ReadOnlySpan<byte> state)
    {
        var (th, activity) = Pairs[pair];
        if (activity == 0) return true;
        _probe.Decode(state);
        return _probe.Frames[th].Pc == Pc.Idle;
    }

    public bool InQ(int pair, ReadOnlySpan<byte> state)
    {
        var (th, activity) = Pairs[pair];
        _probe.Decode(state);
        if (activity == 0) return !IsEnabled(_probe, th);
        return _probe.Frames[th].Pc == Pc.Idle && !HasWork(_probe, th - 1, activity);
    }

    public bool EdgeInQ(int pair, byte tag)
    {
        var (th, activity) = Pairs[pair];
        return Checking.Step.ThreadOf(tag) == th && (activity == 0 || Checking.Step.ActivityOf(tag) == activity);
    }

    /// <summary>True if thread <paramref name="th"/> has a step in <paramref name="s"/>.</summary>
    private bool IsEnabled(WirelessState s, int th)
    {
        var f = s.Frames[th];
        if (th == 0) return f.Pc != Pc.Terminated && !(f.Pc == Pc.Allocate && f.Task - s.Alive >= _window);
        if (f.Pc != Pc.Idle) return true;
        var i = th - 1;
        return HasWork(s, i, ActivityComplete) || HasWork(s, i, ActivityDrain) || HasWork(s, i, ActivityClassify) || HasWork(s, i, ActivityDispatch);
    }

    /// <summary>True if scheduler <paramref name="i"/> could start <paramref name="activity"/> at its loop top in <paramref name="s"/>.</summary>
    private bool HasWork(WirelessState s, int i, int activity) => activity switch
    {
        ActivityComplete => s.Core[i] != 0,
        ActivityDrain => i == 0 && s.Wiring != 0,
        ActivityClassify => i == 0 && s.PendingCount > 0,
        ActivityDispatch => s.Ready != 0 && s.CoreLoad(i) < _config.CoresPerScheduler,
        _ => false,
    };

    private static string ActivityName(int activity) => activity switch
    {
        ActivityComplete => "Complete",
        ActivityDrain => "DrainWiring",
        ActivityClassify => "Classify",
        ActivityDispatch => "Dispatch",
        _ => "-",
    };
}
