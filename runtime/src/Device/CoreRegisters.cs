using System.Runtime.InteropServices;

namespace Wireless.Device;

/// <summary>
/// A core's MMIO registers and dispatch payload (seed §1), in a pinned array, one 256-byte record per core: what the
/// scheduler writes (<see cref="DataMain"/> and the payload) and what the core writes (<see cref="Cond"/>) 128 bytes
/// apart, the rule of <see cref="Ring.RingControl"/>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="DataMain"/> (<c>DATA_MAIN_BASE</c>, AICPU → AICore): the dispatch sequence number of the newest
/// task. Written only by the owning scheduler thread with release (the seed's <c>wmb()</c> then MMIO write), after
/// the payload; read by the core with acquire.</item>
/// <item>The payload, double-buffered by <c>seq &amp; 1</c> so a pre-loaded pending task never overwrites the
/// running task's: plain, published by the release of <see cref="DataMain"/>.</item>
/// <item>At the end of a run <see cref="DataMain"/> receives <see cref="ExitSignal"/> (release) and a threaded core
/// exits.</item>
/// <item><see cref="Cond"/> (<c>COND</c>, AICore → AICPU): bit 31 FIN (else ACK), bits 0..30 the sequence number.
/// Written only by the core with release (after the kernel's writes), read by the owner with acquire.</item>
/// </list>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct CoreRegisters
{
    [FieldOffset(0)] public int DataMain;
    [FieldOffset(8)] public int PayloadTask0;
    [FieldOffset(12)] public int PayloadPart0;
    [FieldOffset(16)] public int PayloadTask1;
    [FieldOffset(20)] public int PayloadPart1;
    [FieldOffset(128)] public int Cond;

    public const int Idle = 0;
    public const int FinBit = 1 << 31;
    /// <summary>Sequence numbers stay below the seed's reserved ids (<c>AICORE_EXIT_SIGNAL</c> 0x7FFFFFF0).</summary>
    public const int MaxSequence = 0x7FFFFFEF;
    /// <summary>The seed's <c>AICORE_EXIT_SIGNAL</c>: written to <see cref="DataMain"/> when the run is over, the core exits.</summary>
    public const int ExitSignal = 0x7FFFFFF0;

    public static int Ack(int seq) => seq;
    public static int Fin(int seq) => seq | FinBit;
    public static bool IsFin(int cond) => (cond & FinBit) != 0;
    public static int SequenceOf(int cond) => cond & ~FinBit;
}
