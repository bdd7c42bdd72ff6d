using Wireless.Memory;

namespace Wireless.Checking.Litmus;

/// <summary>What a litmus instruction does.</summary>
public enum LitmusOperation
{
    Load,
    Store,
    FetchAdd,
    Exchange,
    Fence,
}

/// <summary>
/// One instruction of a litmus thread: an atomic access to location <paramref name="Location"/> (an index into
/// <see cref="LitmusProgram.Locations"/>; -1 for a fence) with <paramref name="Order"/>; a load or read-modify-write
/// puts the value it read in <paramref name="Register"/>.
/// </summary>
public readonly record struct LitmusInstruction(LitmusOperation Operation, string? Register, int Location, long Value, MemoryOrder Order);
