using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Wireless.Memory;

/// <summary>
/// Names the runtime's shared locations by address, for checkers: every component registers its pinned arrays here
/// ("completion_flags", "slot", "ready_queue.AIC", ...), and a location prints as <c>slot[2].wake_list_head</c>.
/// Field names come from the element struct's layout, in the spec's snake_case.
/// </summary>
public sealed class MemoryMap
{
    private sealed record Region(string Name, nint Start, int ElementSize, int Count, IReadOnlyDictionary<int, string> Fields);

    private readonly List<Region> _regions = [];

    /// <summary>Registers a pinned array. Single-element arrays print without an index.</summary>
    public void Add<T>(string name, T[] array) where T : unmanaged => Add(name, ref MemoryMarshal.GetArrayDataReference(array), array.Length);

    /// <summary>Registers <paramref name="count"/> elements of pinned memory from <paramref name="start"/> (index 0 in names).</summary>
    public unsafe void Add<T>(string name, ref T start, int count) where T : unmanaged
        => _regions.Add(new Region(name, (nint)Unsafe.AsPointer(ref start), sizeof(T), count, FieldsOf(typeof(T))));

    public string? Describe(nint address)
    {
        foreach (var r in _regions)
        {
            var offset = address - r.Start;
            if (offset < 0 || offset >= (nint)r.ElementSize * r.Count) continue;
            var index = (int)(offset / r.ElementSize);
            var within = (int)(offset % r.ElementSize);
            var name = r.Count == 1 ? r.Name : $"{r.Name}[{index}]";
            if (r.Fields.Count == 0) return within == 0 ? name : $"{name}+{within}";
            return r.Fields.TryGetValue(within, out var field) ? $"{name}.{field}" : $"{name}+{within}";
        }
        return null;
    }

    /// <summary>
    /// Field names by offset, per element type: a checker builds a runtime, and this map, at every iteration. Guarded by
    /// a <see cref="Lock"/>, which Coyote's rewriting leaves alone: a <c>ConcurrentDictionary</c> or a <c>lock</c> on an
    /// object would add scheduling points to every checked run, and pinned traces would no longer replay.
    /// </summary>
    private static readonly Dictionary<Type, IReadOnlyDictionary<int, string>> s_fields = [];
    private static readonly Lock s_fieldsLock = new();

    private static IReadOnlyDictionary<int, string> FieldsOf(Type type)
    {
        lock (s_fieldsLock)
        {
            if (!s_fields.TryGetValue(type, out var fields)) s_fields.Add(type, fields = ReadFields(type));
            return fields;
        }
    }

    private static IReadOnlyDictionary<int, string> ReadFields(Type type)
    {
        var fields = new Dictionary<int, string>();
        if (type.IsPrimitive) return fields;
        foreach (var f in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            fields.TryAdd((int)Marshal.OffsetOf(type, f.Name), SnakeCase(f.Name));
        return fields;
    }

    private static string SnakeCase(string name)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1])) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }
}
