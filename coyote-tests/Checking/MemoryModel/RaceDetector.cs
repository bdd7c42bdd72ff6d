using Wireless.Memory;

namespace Wireless.Checking.MemoryModel;

/// <summary>
/// Data-race detection by happens-before (vector clocks, in the style of FastTrack): for every 4-byte word it keeps the
/// last write and the last read per thread; two accesses to a word conflict if one writes and at least one is plain
/// (non-atomic), and race if neither happens before the other. A race is reported with both access sites.
/// </summary>
public sealed class RaceDetector(Func<nint, string?> describe)
{
    /// <summary>One recorded access: who, in which epoch, what kind, where in the trace.</summary>
    public sealed record AccessSite(int Thread, int Epoch, bool Write, bool Atomic, string ThreadName, SpecAction Action, long Step)
    {
        public override string ToString()
            => $"{(Write ? "write" : "read")} ({(Atomic ? "atomic" : "plain")}) by {ThreadName} in {Action} at step {Step}";
    }

    private sealed class Shadow
    {
        public AccessSite? LastWrite;
        public List<AccessSite> Reads = [];
    }

    private readonly Dictionary<nint, Shadow> _shadows = [];

    public long Checked { get; private set; }

    /// <summary>Checks an access of <paramref name="bytes"/> bytes at <paramref name="address"/>; returns the race, if any.</summary>
    public string? Access(ModelThread t, nint address, int bytes, bool write, bool atomic, SpecAction action, long step)
    {
        var first = address & ~(nint)3;
        var end = address + Math.Max(bytes, 1);
        AccessSite? me = null;
        for (var word = first; word < end; word += 4)
        {
            Checked++;
            if (!_shadows.TryGetValue(word, out var shadow)) _shadows[word] = shadow = new Shadow();
            me ??= new AccessSite(t.Id, t.Epoch, write, atomic, t.Name, action, step);
            if (Races(shadow.LastWrite, me, t) is { } other) return Report(word, other, me);
            if (write)
            {
                foreach (var read in shadow.Reads)
                    if (Races(read, me, t) is { } r) return Report(word, r, me);
                shadow.LastWrite = me;
                shadow.Reads.Clear();
            }
            else
            {
                shadow.Reads.RemoveAll(r => r.Thread == t.Id);
                shadow.Reads.Add(me);
            }
        }
        return null;
    }

    private static AccessSite? Races(AccessSite? earlier, AccessSite now, ModelThread t)
    {
        if (earlier is null || earlier.Thread == now.Thread) return null;
        if (earlier.Atomic && now.Atomic) return null;
        if (!earlier.Write && !now.Write) return null;
        return earlier.Epoch <= t.Clock[earlier.Thread] ? null : earlier;
    }

    private string Report(nint word, AccessSite earlier, AccessSite later)
        => $"[R1] data race on {describe(word) ?? $"0x{word:x}"}: {earlier} and {later}, neither happens before the other";
}
