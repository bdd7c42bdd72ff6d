namespace Wireless.Spec.Model;

/// <summary>One producer of a task, in the order the runtime's dependency discovery finds it.</summary>
public readonly record struct Dependency(int Producer, EdgeKind Kind)
{
    /// <summary>An explicit dependency on <paramref name="producer"/>.</summary>
    public static Dependency On(int producer) => new(producer, EdgeKind.Explicit);

    /// <summary>A data edge: the consumer reads a buffer that <paramref name="producer"/> owns.</summary>
    public static Dependency Reads(int producer) => new(producer, EdgeKind.Creator);

    /// <summary>A TensorMap edge: <paramref name="producer"/> last wrote a region the consumer reads.</summary>
    public static Dependency After(int producer) => new(producer, EdgeKind.Modifier);
}
