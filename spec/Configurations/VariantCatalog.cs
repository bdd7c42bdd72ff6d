using Wireless.Spec.Checking;
using Wireless.Spec.Model;

namespace Wireless.Spec.Configurations;

/// <summary>
/// The seeded-bug variants of the model, with the runtime's names (<c>BugCatalog</c>), and for each the configuration
/// in which the checker must find it and the property it breaks there (the teeth: spec/SPEC.md §6.6).
/// </summary>
public static class VariantCatalog
{
    public sealed record Entry(ModelVariant Variant, string Name, string Kind, string Summary, string Configuration, Property Property);

    public static IReadOnlyList<Entry> All { get; } =
    [
        new(ModelVariant.NarrowCpuMask, "narrow-cpu-mask", "reported", "the gate's 16-bit mask loses CPU ids >= 16; the barrier never opens", "gate-distinct", Property.G1),
        new(ModelVariant.PopcountBarrier, "popcount-barrier", "design", "the seed barrier counts distinct CPUs; two threads on one CPU never get through", "gate", Property.G1),
        new(ModelVariant.GateNoReset, "gate-no-reset", "reported", "the gate is never reset; the second launch picks the wrong survivors", "gate", Property.G4),
        new(ModelVariant.NoSentinel, "no-sentinel", "mutant", "the wake list is taken without closing it; a late registration is never woken", "fan-out", Property.L1),
        new(ModelVariant.PlainWatermark, "plain-watermark", "mutant", "the watermark is advanced by a store; it can move backwards", "fan-in", Property.S4),
        new(ModelVariant.LostReclamation, "lost-reclamation", "design", "a contended advance_lock drops a reclamation; the orchestrator waits forever", "chain", Property.L1),
        new(ModelVariant.NoScopePin, "no-scope-pin", "design", "a buffer is reclaimed while its scope still hands it to tasks", "scoped", Property.S3),
        new(ModelVariant.UncheckedStamp, "unchecked-stamp", "design", "the stamp is a check, a load and a store; reclamation slips in between", "late-deps", Property.S3),
        new(ModelVariant.IgnoreLastFanin, "ignore-last-fanin", "mutant", "classification skips the last fanin; a task runs before a producer", "chain", Property.S2),
        new(ModelVariant.DoubleWake, "double-wake", "mutant", "a woken waiter is pushed twice", "chain", Property.S1),
        new(ModelVariant.ReclaimIgnoresConsumer, "reclaim-ignores-consumer", "mutant", "reclamation ignores the last consumer; a slot is reused under a consumer", "chain", Property.S3),
        new(ModelVariant.UnboundedWatermark, "unbounded-watermark", "mutant", "the watermark walk has no bound; it passes tasks never allocated", "chain", Property.S4),
        new(ModelVariant.ReclaimBeforeClose, "reclaim-before-close", "design", "reclamation does not wait for the completer's CloseWakeList; a late close hits the slot's next task (the runtime today; found by this model)", "chain-4", Property.S2),
        new(ModelVariant.WatermarkStall, "watermark-stall", "design", "the walk stops at the completer's own id; the watermark stalls, the orchestrator waits forever", "out-of-order", Property.L1),
    ];

    /// <summary>The entry named <paramref name="name"/>, or null.</summary>
    public static Entry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    /// <summary>The command-line name of <paramref name="variant"/> ("none" for the correct model).</summary>
    public static string NameOf(ModelVariant variant) => variant == ModelVariant.None ? "none" : All.First(e => e.Variant == variant).Name;

    /// <summary>True if <paramref name="variant"/> is a variant of the gate model.</summary>
    public static bool IsGateVariant(ModelVariant variant) => variant is ModelVariant.NarrowCpuMask or ModelVariant.PopcountBarrier or ModelVariant.GateNoReset;
}
