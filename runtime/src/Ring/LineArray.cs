using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wireless.Memory;

namespace Wireless.Ring;

/// <summary>
/// A pinned array of per-slot shared data laid out by cache lines: its first element starts on a 64-byte boundary, and
/// with <c>wholeLines</c> each slot's part (a record, or a stripe of <c>perSlot</c> elements) takes a whole number of
/// lines, so no two slots share one.
/// </summary>
/// <remarks>
/// Design: the orchestrator writes a slot's data while a scheduler reads or writes the previous slot's. When
/// they share a line, every such pair of accesses moves the line between the cores (about 100–200 ns here), and the
/// next fence of the writer waits for it. Whole lines per slot end that for data written once per task (descriptors,
/// stripes) or by different threads per slot (wake lists). Data that one side writes for many consecutive slots (the
/// completion flags, the last-consumer words) stays packed, aligned only, so a line moves once per many slots. The
/// storage is a byte array allocated once per runtime on the pinned object heap (a checker names locations by address),
/// with one line of slack for the alignment (an offset in elements could not align every element size). A struct, held
/// in a readonly field of its owner, so that an access costs the owner's field loads and no further indirection.
/// </remarks>
internal readonly struct LineArray<T> where T : unmanaged
{
    private const int Line = 64;

    /// <summary>The storage, in bytes: elements of any size start on a line at <see cref="_offset"/>.</summary>
    private readonly byte[] _bytes;
    private readonly int _offset;

    public LineArray(int slots, int perSlot, bool wholeLines)
    {
        var size = Unsafe.SizeOf<T>();
        Slots = slots;
        PerSlot = perSlot;
        Stride = perSlot;
        while (wholeLines && Stride * size % Line != 0) Stride++;
        _bytes = GC.AllocateArray<byte>(slots * Stride * size + Line, pinned: true);
        _offset = (int)((Line - Address(ref MemoryMarshal.GetArrayDataReference(_bytes)) % Line) % Line);
    }

    public int Slots { get; }
    /// <summary>Elements of a slot's stripe.</summary>
    public int PerSlot { get; }
    /// <summary>Elements from one slot's stripe to the next (<see cref="PerSlot"/> rounded up to whole lines).</summary>
    public int Stride { get; }

    /// <summary>The record of <paramref name="slot"/> (a stride of one: a packed element, or a record of whole lines).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T At(int slot) => ref Element(slot * Stride);

    /// <summary>Element <paramref name="index"/> counted from the first slot's first (slot · <see cref="Stride"/> + i).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Element(int index)
        => ref Unsafe.Add(ref Unsafe.As<byte, T>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_bytes), _offset)), index);

    /// <summary>The <see cref="PerSlot"/> elements of <paramref name="slot"/>.</summary>
    public Span<T> Stripe(int slot) => MemoryMarshal.CreateSpan(ref At(slot), PerSlot);

    /// <summary>Every slot's part, padding included.</summary>
    public Span<T> All => MemoryMarshal.CreateSpan(ref Element(0), Slots * Stride);

    /// <summary>
    /// Sets every element of <paramref name="count"/> slots from <paramref name="first"/> on (wrapping past the last
    /// slot) to <paramref name="value"/>: a reset that costs what a run used, not the window.
    /// </summary>
    public void Fill(int first, int count, T value)
    {
        var head = Math.Min(count, Slots - first);
        MemoryMarshal.CreateSpan(ref At(first), head * Stride).Fill(value);
        MemoryMarshal.CreateSpan(ref Element(0), (count - head) * Stride).Fill(value);
    }

    /// <summary>Registers the elements (from the aligned first one) for checker traces.</summary>
    public void Register(MemoryMap map, string name) => map.Add(name, ref Element(0), Slots * Stride);

    private static unsafe long Address(ref byte b) => (long)Unsafe.AsPointer(ref b);
}
