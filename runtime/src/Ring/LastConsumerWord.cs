using System.Runtime.CompilerServices;

namespace Wireless.Ring;

/// <summary>
/// The slot's <c>last_consumer_local_id</c>, packed with two flags into one 64-bit atomic word so that every
/// decision about the slot's lifetime is one atomic step on one location:
/// <list type="bullet">
/// <item>bits 0..31: the latest local id that lists this task as a fanin (the task's own id until a consumer stamps it);</item>
/// <item><see cref="Pinned"/>: the task's heap outputs are still reachable through an open scope (cleared at scope end);</item>
/// <item><see cref="Retired"/>: reclamation passed the slot; a stamp that finds it knows the producer is gone.</item>
/// </list>
/// </summary>
/// <remarks>
/// The orchestrator's stamp is a CAS that fails on a retired word, and reclamation retires the word with a CAS that
/// fails if a stamp got in first, so exactly one of them wins. A liveness check followed by a separate read-max-write
/// lets reclamation run between the two and free a producer that a new consumer is about to name (the variants
/// <c>unchecked-stamp</c> and, with a plain int32, <c>plain-last-consumer</c>: the seed's and the PR's stamps, BUGLOG).
/// </remarks>
internal static class LastConsumerWord
{
    public const long Pinned = 1L << 32;
    public const long Retired = 1L << 33;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Make(int lastConsumer, bool pinned) => (uint)lastConsumer | (pinned ? Pinned : 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LastConsumer(long word) => (int)(uint)word;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPinned(long word) => (word & Pinned) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsRetired(long word) => (word & Retired) != 0;

    /// <summary>The word with its last consumer raised to <paramref name="consumer"/> (flags kept).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long WithConsumer(long word, int consumer)
        => (word & ~0xFFFF_FFFFL) | (uint)LocalId.Max(LastConsumer(word), consumer);
}
