using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Wireless.Memory;
using Wireless.Orchestration;

namespace Wireless.Ring;

/// <summary>
/// The task ring's shared memory (single ring, as in PR #1107): per slot a completion flag, a last-consumer word, a
/// <see cref="SlotState"/> (wake list), a <see cref="TaskDescriptor"/> and stripes for fanin ids, tensor args, scalars
/// and explicit dependency indices; plus the ring's <see cref="RingControl"/>. Slot = <c>local id &amp; (window - 1)</c>.
/// </summary>
/// <remarks>
/// Design: this type only owns storage; the protocol that reads and writes it lives in
/// <see cref="Wireless.Scheduling.WirelessProtocol{TMem}"/> and the orchestrator, through the shared-memory seam.
/// Every array is allocated on the pinned object heap so a checker can name a location by its address
/// (<see cref="Register"/>), and laid out by cache lines (<see cref="LineArray{T}"/>): flags and last-consumer words
/// packed on aligned lines, every other per-slot part on lines of its own.
/// </remarks>
internal sealed class TaskRing
{
    private readonly LineArray<byte> _flags;
    private readonly LineArray<long> _lastConsumer;
    private readonly LineArray<SlotState> _slots;
    private readonly LineArray<TaskDescriptor> _descriptors;
    private readonly LineArray<int> _faninIds;
    private readonly LineArray<int> _depIndices;
    private readonly LineArray<TensorArg> _args;
    private readonly LineArray<long> _scalars;

    public TaskRing(RuntimeConfig config)
    {
        Window = config.Window;
        Mask = config.Window - 1;
        MaxFanin = config.MaxFanin;
        _flags = new LineArray<byte>(Window, 1, wholeLines: false);
        _lastConsumer = new LineArray<long>(Window, 1, wholeLines: false);
        _slots = new LineArray<SlotState>(Window, 1, wholeLines: true);
        _descriptors = new LineArray<TaskDescriptor>(Window, 1, wholeLines: true);
        _faninIds = new LineArray<int>(Window, MaxFanin, wholeLines: true);
        _depIndices = new LineArray<int>(Window, MaxFanin, wholeLines: true);
        _args = new LineArray<TensorArg>(Window, config.MaxTensorArgs, wholeLines: true);
        _scalars = new LineArray<long>(Window, config.MaxScalars, wholeLines: true);
        Control = GC.AllocateArray<RingControl>(1, pinned: true);
        Names = new string?[Window];
        Reset(0, Window);
    }

    public int Window { get; }
    public int Mask { get; }
    public int MaxFanin { get; }

    public RingControl[] Control { get; }
    /// <summary>Task names for error messages (written by the orchestrator before publication).</summary>
    public string?[] Names { get; }

    public ref RingControl Ctl => ref MemoryMarshal.GetArrayDataReference(Control);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int SlotOf(int localId) => localId & Mask;

    /// <summary><c>completion_flags[slot]</c>: 1 once the slot's current task completed (release), 0 from prepare.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref byte Flag(int slot) => ref _flags.At(slot);

    /// <summary>
    /// <c>last_consumer_local_id</c> of the slot's task with the scope pin and retired flags (<see cref="LastConsumerWord"/>).
    /// Written by the orchestrator (stamp: CAS; unpin: CAS; reset on reuse: relaxed store published by the wiring queue)
    /// and by the reclaimer (retire: CAS). Read by the reclaimer with acquire.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref long LastConsumer(int slot) => ref _lastConsumer.At(slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref SlotState Slot(int slot) => ref _slots.At(slot);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref TaskDescriptor Descriptor(int slot) => ref _descriptors.At(slot);

    /// <summary><c>fanin_local_ids</c>: <see cref="MaxFanin"/> per slot.</summary>
    public Span<int> FaninStripe(int slot) => _faninIds.Stripe(slot);
    public Span<int> DepStripe(int slot) => _depIndices.Stripe(slot);
    public Span<TensorArg> ArgStripe(int slot) => _args.Stripe(slot);
    public Span<long> ScalarStripe(int slot) => _scalars.Stripe(slot);

    /// <summary>A task's name for messages: its given name or its kernel and index.</summary>
    public string NameOf(int slot)
    {
        ref var d = ref Descriptor(slot);
        return Names[slot] is { } name ? $"task '{name}' (#{d.Index})" : $"{d.Kernel} task #{d.Index} (local id {d.LocalId})";
    }

    /// <summary>
    /// Resets the control block and the slots of the first <paramref name="usedSlots"/> local ids from
    /// <paramref name="firstLocalId"/> (the slots the previous run, which started there too, used; the others are still
    /// as the constructor left them) for a new run starting at <paramref name="firstLocalId"/>.
    /// </summary>
    public void Reset(int firstLocalId, int usedSlots)
    {
        var first = SlotOf(firstLocalId);
        var count = Math.Min(usedSlots, Window);
        _flags.Fill(first, count, 0);
        _descriptors.Fill(first, count, default);
        _lastConsumer.Fill(first, count, LastConsumerWord.Retired);
        _slots.Fill(first, count, new SlotState { WakeListHead = WakeList.Empty, NextInWakeList = WakeList.Empty });
        var head = Math.Min(count, Window - first);
        Array.Clear(Names, first, head);
        Array.Clear(Names, 0, count - head);
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
        _flags.Register(map, "completion_flags");
        _lastConsumer.Register(map, "last_consumer");
        _slots.Register(map, "slot");
        _descriptors.Register(map, "descriptor");
        _faninIds.Register(map, "fanin_local_ids");
        _depIndices.Register(map, "dep_indices");
        _args.Register(map, "tensor_args");
        _scalars.Register(map, "scalars");
        map.Add("ring", Control);
    }
}
