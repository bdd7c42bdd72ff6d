using System.Runtime.InteropServices;
using Wireless.Memory;

namespace Wireless.Checking.MemoryModel;

/// <summary>
/// Data-race detection by happens-before (vector clocks, in the style of FastTrack): for every 4-byte word it keeps the
/// last write and the last read per thread; two accesses to a word conflict if one writes and at least one is plain
/// (non-atomic), and race if neither happens before the other. A race is reported with both access sites.
/// </summary>
/// <remarks>
/// Representation: a word gets a dense id at its first access in the run; its last write is a struct in an array, its
/// reads a linked list of structs in one shared array (a write empties the list; entries are reclaimed when the run
/// ends). Nothing is allocated per access; strings only for a race found.
/// </remarks>
public sealed class RaceDetector
{
    private const int None = -1;

    /// <summary>One recorded access: who, in which epoch, what kind, where in the trace.</summary>
    private readonly record struct Site(int Thread, int Epoch, bool Write, bool Atomic, SpecAction Action, long Step);

    private struct ReadEntry
    {
        public Site Site;
        public int Next;
    }

    private readonly Dictionary<nint, int> _words = [];
    private Site[] _lastWrite = new Site[256];
    private int[] _firstRead = new int[256];
    private ReadEntry[] _reads = new ReadEntry[1024];
    private int _readCount;
    private Func<nint, string?> _describe = _ => null;
    private Func<int, string> _threadName = id => $"thread {id}";

    /// <summary>Forgets every word (a new run, whose locations and threads the two functions name in a report).</summary>
    public void Reset(Func<nint, string?> describe, Func<int, string> threadName)
    {
        _words.Clear();
        _readCount = 0;
        _describe = describe;
        _threadName = threadName;
    }

    /// <summary>Checks an access of <paramref name="bytes"/> bytes at <paramref name="address"/>; returns the race, if any.</summary>
    public string? Access(ModelThread t, nint address, int bytes, bool write, bool atomic, SpecAction action, long step)
    {
        var first = address & ~(nint)3;
        var end = address + Math.Max(bytes, 1);
        var me = new Site(t.Id, t.Epoch, write, atomic, action, step);
        for (var word = first; word < end; word += 4)
        {
            var w = WordOf(word);
            if (Races(_lastWrite[w], me, t)) return Report(word, _lastWrite[w], me);
            if (write)
            {
                for (var r = _firstRead[w]; r != None; r = _reads[r].Next)
                    if (Races(_reads[r].Site, me, t)) return Report(word, _reads[r].Site, me);
                _lastWrite[w] = me;
                _firstRead[w] = None;
            }
            else
            {
                AddRead(w, me);
            }
        }
        return null;
    }

    /// <summary>Keeps one read per thread: this thread's earlier read of the word is replaced.</summary>
    private void AddRead(int word, Site me)
    {
        for (var r = _firstRead[word]; r != None; r = _reads[r].Next)
        {
            if (_reads[r].Site.Thread != me.Thread) continue;
            _reads[r].Site = me;
            return;
        }
        if (_readCount == _reads.Length) Array.Resize(ref _reads, 2 * _reads.Length);
        _reads[_readCount] = new ReadEntry { Site = me, Next = _firstRead[word] };
        _firstRead[word] = _readCount++;
    }

    private static bool Races(Site earlier, Site now, ModelThread t)
    {
        if (earlier.Thread == None || earlier.Thread == now.Thread) return false;
        if (earlier.Atomic && now.Atomic) return false;
        if (!earlier.Write && !now.Write) return false;
        return earlier.Epoch > t.Clock[earlier.Thread];
    }

    private int WordOf(nint word)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_words, word, out var known);
        if (known) return id;
        id = _words.Count - 1;
        if (id == _lastWrite.Length)
        {
            Array.Resize(ref _lastWrite, 2 * _lastWrite.Length);
            Array.Resize(ref _firstRead, 2 * _firstRead.Length);
        }
        _lastWrite[id] = new Site(None, 0, false, false, default, 0);
        _firstRead[id] = None;
        return id;
    }

    private string Report(nint word, Site earlier, Site later)
        => $"[R1] data race on {_describe(word) ?? $"0x{word:x}"}: {Describe(earlier)} and {Describe(later)}, neither happens before the other";

    private string Describe(Site s)
        => $"{(s.Write ? "write" : "read")} ({(s.Atomic ? "atomic" : "plain")}) by {_threadName(s.Thread)} in {s.Action} at step {s.Step}";
}
