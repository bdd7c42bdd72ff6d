namespace Wireless.Spec.Checking;

/// <summary>
/// A finite transition system the explicit-state checker explores: states are fixed-length byte strings, each thread
/// is deterministic given the state (except where the model says a choice is free, e.g. which ready task to pop), a
/// thread that waits is disabled (no transition), and fairness is a list of Streett pairs over states and edges.
/// </summary>
/// <remarks>
/// Fairness pair k reads: if a run visits <see cref="InP"/> states infinitely often, then it visits
/// <see cref="InQ"/> states or takes <see cref="EdgeInQ"/> edges infinitely often. Weak fairness of a thread is the
/// pair (every state; the thread disabled or stepping).
/// </remarks>
public interface ITransitionSystem
{
    /// <summary>The configuration's name (for reports).</summary>
    string Name { get; }

    /// <summary>The length of a state's encoding.</summary>
    int StateSize { get; }

    /// <summary>The properties this system decides.</summary>
    IReadOnlyList<Property> Properties { get; }

    /// <summary>The property a deadlock or a fair non-completing cycle violates.</summary>
    Property Liveness { get; }

    /// <summary>Writes the initial state.</summary>
    void Initial(Span<byte> state);

    /// <summary>Reports every transition of <paramref name="state"/> to <paramref name="sink"/>.</summary>
    void Expand(ReadOnlySpan<byte> state, ISuccessorSink sink);

    /// <summary>True if <paramref name="state"/> is a completed run (it has no transitions and is no deadlock).</summary>
    bool IsFinal(ReadOnlySpan<byte> state);

    /// <summary>The number of fairness pairs.</summary>
    int FairnessPairs { get; }

    /// <summary>A short name of fairness pair <paramref name="pair"/> (for reports).</summary>
    string FairnessPairName(int pair);

    /// <summary>Pair <paramref name="pair"/>: the state is one the pair's premise counts.</summary>
    bool InP(int pair, ReadOnlySpan<byte> state);

    /// <summary>Pair <paramref name="pair"/>: the state discharges the pair.</summary>
    bool InQ(int pair, ReadOnlySpan<byte> state);

    /// <summary>Pair <paramref name="pair"/>: an edge with this tag discharges the pair.</summary>
    bool EdgeInQ(int pair, byte tag);

    /// <summary>The name of thread <paramref name="thread"/> ("orch", "sched-0", "cpu3#0").</summary>
    string ThreadName(int thread);

    /// <summary>A one-line description of a step's access (location, values).</summary>
    string DescribeStep(in Step step);

    /// <summary>A multi-line description of a state.</summary>
    string DescribeState(ReadOnlySpan<byte> state);

    /// <summary>Why nothing can move in a stuck state: what each thread waits for.</summary>
    string DescribeStuck(ReadOnlySpan<byte> state);
}
