namespace Wireless.Gate;

/// <summary>What the gate told one launched thread: whether it survives and, if so, its exec index.</summary>
public readonly record struct GatePass(bool Survives, int ExecIndex)
{
    public static GatePass Leave => new(false, -1);
}
