namespace Wireless.Spec.Model;

/// <summary>
/// The model's <c>last_consumer</c> word of a slot (the runtime's <c>LastConsumerWord</c>), in one byte: bits 0..5 the
/// last consumer's local id, bit 6 pinned (an open scope holds the task's buffers), bit 7 retired (reclaimed).
/// </summary>
internal static class Word
{
    public const int Pinned = 0x40;
    public const int Retired = 0x80;

    /// <summary>A slot nobody has used: retired, so a stray stamp would drop it.</summary>
    public const int Unused = Retired;

    public static int Make(int task, bool pinned) => task | (pinned ? Pinned : 0);

    public static int Consumer(int word) => word & 0x3F;

    public static bool IsPinned(int word) => (word & Pinned) != 0;

    public static bool IsRetired(int word) => (word & Retired) != 0;

    /// <summary>The word with its last consumer raised to <paramref name="consumer"/> (flags kept).</summary>
    public static int WithConsumer(int word, int consumer) => (word & ~0x3F) | Math.Max(Consumer(word), consumer);

    public static string Describe(int word)
        => $"(last consumer {Consumer(word)}{(IsPinned(word) ? ", pinned" : "")}{(IsRetired(word) ? ", retired" : "")})";
}
