namespace Wireless.Orchestration;

/// <summary>
/// The external tensors of a workload, laid out one after another in global memory. A workload declares them
/// before the run; both executors allocate the same layout and fill it with the same initial values.
/// </summary>
public sealed class GlobalMemoryLayout
{
    private readonly Dictionary<string, Tensor> _byName = new(StringComparer.Ordinal);
    private readonly List<(string Name, Tensor Tensor)> _ordered = [];

    public int TotalElements { get; private set; }

    public IReadOnlyList<(string Name, Tensor Tensor)> Tensors => _ordered;

    /// <summary>Declares an external tensor of <paramref name="length"/> elements.</summary>
    public Tensor Declare(string name, int length)
    {
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), $"tensor '{name}' must have a positive length (got {length})");
        if (_byName.ContainsKey(name)) throw new ArgumentException($"tensor '{name}' is declared twice");
        checked
        {
            var t = Tensor.External(TotalElements, length);
            TotalElements += length;
            _byName[name] = t;
            _ordered.Add((name, t));
            return t;
        }
    }

    public Tensor this[string name]
        => _byName.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"no external tensor named '{name}'");

    public bool TryGet(string name, out Tensor tensor) => _byName.TryGetValue(name, out tensor);

    /// <summary>The deterministic initial value of global element <paramref name="index"/>.</summary>
    public static int InitialValue(int index) => (int)Mixing.Mix(0x5EED_0000_0000_0000UL, (ulong)index);
}
