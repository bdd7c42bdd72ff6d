namespace Wireless.Spec.Model;

/// <summary>
/// A model thread's private state: its program counter, the task it works on, and four registers whose meaning
/// the program counter gives (<see cref="Pc"/>). Unused registers are 0.
/// </summary>
internal struct Frame
{
    public Pc Pc;
    public int Task;
    public int R0;
    public int R1;
    public int R2;
    public int R3;

    /// <summary>Goes to <paramref name="pc"/> with every register cleared.</summary>
    public void Reset(Pc pc)
    {
        this = default;
        Pc = pc;
    }
}
