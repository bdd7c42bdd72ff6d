namespace Wireless.Spec.Checking;

/// <summary>
/// One transition of a model: which thread took it, the specification action, the shared access (location, index,
/// value read and written, for counterexamples), the task it concerns, its observable label (if any), and the
/// scheduler activity it starts (for the fairness of the scheduler loop; 0 = none).
/// </summary>
/// <remarks>
/// Design: a small value, built for every transition; text is made from it only when a counterexample is printed
/// (<see cref="ITransitionSystem.DescribeStep"/>). <see cref="Tag"/> is what the explored graph keeps of it.
/// </remarks>
public readonly record struct Step(
    int Thread,
    Wireless.Spec.Model.SpecAction Action,
    Access Access,
    Location Location,
    int Index,
    long Read,
    long Written,
    int Task,
    Label Label,
    int Activity)
{
    /// <summary>The edge tag kept in the explored graph: thread in the low 4 bits, started activity in the high 4.</summary>
    public byte Tag => (byte)(Thread | Activity << 4);

    /// <summary>The thread of an edge tag.</summary>
    public static int ThreadOf(byte tag) => tag & 0xF;

    /// <summary>The activity started by an edge, from its tag (0 = none).</summary>
    public static int ActivityOf(byte tag) => tag >> 4;
}
