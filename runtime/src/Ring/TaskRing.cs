using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wireless.Memory;
using Wireless.Orchestration;

namespace Wireless.Ring;

/// <summary>
/// The task ring's shared memory (single ring, as in PR #1107): per slot a completion flag, a
/// <see cref="SlotState"/>, a <see cref="TaskDescriptor"/> and stripes for fanin ids, tensor args, scalars and
/// explicit dependency indices; plus the ring's <see cref="RingControl"/>. Slot = <c>local id &amp; (window - 1)</c>.
/// </summary>
/// <remarks>
/// Design: this type only owns storage; the protocol that reads and writes it lives in
/// <see cref="Wireless.Scheduling.WirelessProtocol{TMem}"/> and the orchestrator, through the shared-memory seam.
/// Every array is allocated on the pinned object heap so a checker can name a location by its address
/// (<see cref="Register"/>).
/// </remarks>
internal sealed class TaskRing
{
    public TaskRing(RuntimeConfig config)
    {
        Window = config.Window;
        Mask = config.Window - 1;
        MaxFanin = config.MaxFanin;
        MaxArgs = config.MaxTensorArgs;
        MaxScalars = config.MaxScalars;
        CompletionFlags = GC.AllocateArray<byte>(Window, pinned: true);
        Slots = GC.AllocateArray<SlotState>(Window, pinned: true);
        Descriptors = GC.AllocateArray<TaskDescriptor>(Window, pinned: true);
        FaninIds = GC.AllocateArray<int>(Window * MaxFanin, pinned: true);
        DepIndices = GC.AllocateArray<int>(Window * MaxFanin, pinned: true);
        Args = GC.AllocateArray<TensorArg>(Window * MaxArgs, pinned: true);
        Scalars = GC.AllocateArray<long>(Window * MaxScalars, pinned: true);
        Control = GC.AllocateArray<RingControl>(1, pinned: true);
        Names = new string?[Window];
    }

    public int Window { get; }
    public int Mask { get; }
    public int MaxFanin { get; }
    public int MaxArgs { get; }
    public int MaxScalars { get; }

    /// <summary><c>completion_flags</c>: 1 once the slot's current task completed (release), 0 from prepare.</summary>
    public byte[] CompletionFlags { get; }
    public SlotState[] Slots { get; }
    public TaskDescriptor[] Descriptors { get; }
    /// <summary><c>fanin_local_ids</c>: <see cref="MaxFanin"/> per slot.</summary>
    public int[] FaninIds { get; }
    public int[] DepIndices { get; }
    public TensorArg[] Args { get; }
    public long[] Scalars { get; }
    public RingControl[] Control { get; }
    /// <summary>Task names for error messages (written by the orchestrator before publication).</summary>
    public string?[] Names { get; }

    public ref RingControl Ctl => ref MemoryMarshal.GetArrayDataReference(Control);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SlotOf(int localId) => localId & Mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref byte Flag(int slot) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(CompletionFlags), slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref SlotState Slot(int slot) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Slots), slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TaskDescriptor Descriptor(int slot) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Descriptors), slot);

    public Span<int> FaninStripe(int slot) => FaninIds.AsSpan(slot * MaxFanin, MaxFanin);
    public Span<int> DepStripe(int slot) => DepIndices.AsSpan(slot * MaxFanin, MaxFanin);
    public Span<TensorArg> ArgStripe(int slot) => Args.AsSpan(slot * MaxArgs, MaxArgs);
    public Span<long> ScalarStripe(int slot) => Scalars.AsSpan(slot * MaxScalars, MaxScalars);

    /// <summary>A task's name for messages: its given name or its kernel and index.</summary>
    public string NameOf(int slot)
    {
        ref var d = ref Descriptor(slot);
        return Names[slot] is { } name ? $"task '{name}' (#{d.Index})" : $"{d.Kernel} task #{d.Index} (local id {d.LocalId})";
    }

    /// <summary>Resets every slot and the control block for a new run starting at <paramref name="firstLocalId"/>.</summary>
    public void Reset(int firstLocalId)
    {
        Array.Clear(CompletionFlags);
        Array.Clear(Descriptors);
        Array.Clear(Names);
        for (var i = 0; i < Window; i++)
        {
            Slots[i] = new SlotState
            {
                WakeListHead = WakeList.Empty,
                NextInWakeList = WakeList.Empty,
                LastConsumer = LastConsumerWord.Retired,
            };
        }
        Control[0] = new RingControl
        {
            CompletedWatermark = unchecked(firstLocalId - 1),
            LastTaskAlive = firstLocalId,
            CurrentTaskIndex = firstLocalId,
        };
    }

    /// <summary>Registers the ring's shared arrays for checker traces.</summary>
    public void Register(MemoryMap map)
    {
        map.Add("completion_flags", CompletionFlags);
        map.Add("slot", Slots);
        map.Add("descriptor", Descriptors);
        map.Add("fanin_local_ids", FaninIds);
        map.Add("dep_indices", DepIndices);
        map.Add("tensor_args", Args);
        map.Add("scalars", Scalars);
        map.Add("ring", Control);
    }
}
