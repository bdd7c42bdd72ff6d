namespace Wireless.Orchestration;

/// <summary>
/// Describes one task to submit. The orchestrator owns one builder and reuses it for every task, so submitting
/// allocates nothing. After <see cref="IOrchestrator.Submit"/>, <see cref="Output"/> returns the heap tensors the
/// runtime allocated for the task's <see cref="ArgDirection.Out"/> arguments.
/// </summary>
/// <remarks>
/// <see cref="IOrchestrator.NewTask"/> resets this same builder, so read a task's outputs into locals before
/// describing the next task: <c>o.NewTask(..).In(previous.Output(0))</c> reads the new, empty description.
/// </remarks>
public sealed class TaskBuilder
{
    private readonly TensorArg[] _args;
    private readonly Tensor[] _tensors;
    private readonly Tensor[] _outputs;
    private readonly long[] _scalars;
    private readonly TaskId[] _deps;

    public TaskBuilder(int maxTensorArgs, int maxScalars, int maxDeps)
    {
        _args = new TensorArg[maxTensorArgs];
        _tensors = new Tensor[maxTensorArgs];
        _outputs = new Tensor[maxTensorArgs];
        _scalars = new long[maxScalars];
        _deps = new TaskId[maxDeps];
    }

    public Kernel Kernel { get; private set; }
    public Shape Shape { get; private set; }
    public long DurationNs { get; private set; }
    public KernelFault Fault { get; private set; }
    /// <summary>An optional name used in error messages (JSON tasks carry theirs).</summary>
    public string? Name { get; private set; }
    public int ArgCount { get; private set; }
    public int ScalarCount { get; private set; }
    public int DepCount { get; private set; }
    public int OutputCount { get; private set; }

    internal ReadOnlySpan<TensorArg> Args => _args.AsSpan(0, ArgCount);
    internal Span<TensorArg> MutableArgs => _args.AsSpan(0, ArgCount);
    internal ReadOnlySpan<Tensor> Tensors => _tensors.AsSpan(0, ArgCount);
    internal Span<Tensor> Outputs => _outputs.AsSpan(0, OutputCount);
    internal ReadOnlySpan<long> Scalars => _scalars.AsSpan(0, ScalarCount);
    internal ReadOnlySpan<TaskId> Deps => _deps.AsSpan(0, DepCount);

    internal TaskBuilder Reset(Kernel kernel, Shape shape)
    {
        Kernel = kernel;
        Shape = shape;
        DurationNs = 0;
        Fault = KernelFault.None;
        Name = null;
        ArgCount = ScalarCount = DepCount = OutputCount = 0;
        return this;
    }

    public TaskBuilder In(Tensor t) => AddTensor(t, ArgDirection.In);
    public TaskBuilder InOut(Tensor t) => AddTensor(t, ArgDirection.InOut);
    public TaskBuilder OutputExisting(Tensor t) => AddTensor(t, ArgDirection.OutputExisting);

    /// <summary>Adds a new output buffer of <paramref name="length"/> elements; returns its output index.</summary>
    public int Out(int length)
    {
        if (length <= 0) throw new ArgumentOutOfRangeException(nameof(length), $"output length must be positive (got {length})");
        AddTensor(new Tensor(MemorySpace.Heap, 0, 0, length, 0, false), ArgDirection.Out);
        return OutputCount++;
    }

    /// <summary>An explicit dependency on an earlier task.</summary>
    public TaskBuilder Dep(TaskId producer)
    {
        if (DepCount == _deps.Length)
            throw new RuntimeErrorException($"{Describe()} has more than {_deps.Length} explicit dependencies (the fanin maximum)");
        _deps[DepCount++] = producer;
        return this;
    }

    public TaskBuilder Scalar(long value)
    {
        if (ScalarCount == _scalars.Length)
            throw new RuntimeErrorException($"{Describe()} has more than {_scalars.Length} scalar arguments");
        _scalars[ScalarCount++] = value;
        return this;
    }

    /// <summary>Simulated kernel duration on the timed device.</summary>
    public TaskBuilder Duration(long nanoseconds)
    {
        if (nanoseconds < 0) throw new ArgumentOutOfRangeException(nameof(nanoseconds), "kernel duration must be >= 0 ns");
        DurationNs = nanoseconds;
        return this;
    }

    public TaskBuilder WithFault(KernelFault fault)
    {
        Fault = fault;
        return this;
    }

    public TaskBuilder Named(string? name)
    {
        Name = name;
        return this;
    }

    /// <summary>The heap tensor allocated for output <paramref name="index"/> (valid after submit).</summary>
    public Tensor Output(int index)
    {
        if ((uint)index >= (uint)OutputCount) throw new ArgumentOutOfRangeException(nameof(index), $"the task has {OutputCount} outputs");
        return _outputs[index];
    }

    internal string Describe() => Name is null ? $"a {Kernel} task" : $"task '{Name}'";

    private TaskBuilder AddTensor(Tensor t, ArgDirection dir)
    {
        if (ArgCount == _args.Length)
            throw new RuntimeErrorException($"{Describe()} has more than {_args.Length} tensor arguments");
        _tensors[ArgCount] = t;
        _args[ArgCount++] = new TensorArg { Space = t.Space, Direction = dir, Base = t.Base, Offset = t.Offset, Length = t.Length };
        return this;
    }
}
