using FsCheck;
using FsCheck.Experimental;
using FsCheck.Fluent;

namespace Wireless.Properties;

/// <summary>The object under test of a model-based property; it remembers that a step already disagreed with the model.</summary>
public interface IUnderTest
{
    bool Broken { get; set; }
}

/// <summary>
/// One operation of a model-based property (FsCheck's state-machine API): <see cref="Operation{TActual,TModel}.Run"/>
/// moves the pure model, <see cref="Apply"/> performs the same step on the real component and returns the first
/// difference from the model's new state in words, or null. Only the first difference of a run is reported (the
/// later steps run on a component that already diverged); an exception is a difference too.
/// </summary>
public abstract class ModelStep<TActual, TModel> : Operation<TActual, TModel> where TActual : IUnderTest
{
    public sealed override Property Check(TActual actual, TModel model)
    {
        if (actual.Broken) return Prop.ToProperty(true);
        string? difference;
        try
        {
            difference = Apply(actual, model);
        }
        catch (Exception e)
        {
            difference = $"threw {e.GetType().Name}: {e.Message}";
        }
        if (difference is null) return Prop.ToProperty(true);
        actual.Broken = true;
        return Prop.Label(false, $"after '{this}': {difference}");
    }

    protected abstract string? Apply(TActual actual, TModel model);

    /// <summary>"[1,2,3]".</summary>
    protected static string List(IEnumerable<int> items) => $"[{string.Join(",", items)}]";
}
