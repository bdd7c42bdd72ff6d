using Wireless.Orchestration;

namespace Wireless.Properties;

/// <summary>The TensorMap as the model-based property drives it.</summary>
public interface ITensorMapUnderTest : IUnderTest
{
    bool TryInsert(Tensor tensor, int producer);
    IReadOnlyCollection<int> Lookup(Tensor tensor, bool removeCovered, bool filterRetired, int lastTaskAlive);
    int CollectRetired(int lastTaskAlive);
    int Count { get; }
}

/// <summary>The runtime's <see cref="TensorMap"/> behind <see cref="ITensorMapUnderTest"/>, and a test-local broken version.</summary>
public static class TensorMapsUnderTest
{
    public static ITensorMapUnderTest Real(int capacity, int buckets) => new Adapter(capacity, buckets, startOnly: false);

    /// <summary>Mutant: looks up only the first element of the region (an address-keyed lookup without the overlap test).</summary>
    public static ITensorMapUnderTest StartOnly(int capacity, int buckets) => new Adapter(capacity, buckets, startOnly: true);

    private sealed class Adapter(int capacity, int buckets, bool startOnly) : ITensorMapUnderTest
    {
        private readonly TensorMap _map = new(capacity, buckets);
        private readonly ProducerSet _producers = new(256);
        private readonly TaskBuilder _task = new(4, 4, 4);

        public bool Broken { get; set; }
        public int Count => _map.Count;

        public bool TryInsert(Tensor tensor, int producer) => _map.TryInsert(tensor, producer);

        public IReadOnlyCollection<int> Lookup(Tensor tensor, bool removeCovered, bool filterRetired, int lastTaskAlive)
        {
            _producers.Clear();
            _map.Lookup(startOnly ? tensor.View(0, 1) : tensor, removeCovered, filterRetired, lastTaskAlive, _producers, _task);
            return _producers.Ids.ToArray();
        }

        public int CollectRetired(int lastTaskAlive) => _map.CollectRetired(lastTaskAlive);
    }
}
