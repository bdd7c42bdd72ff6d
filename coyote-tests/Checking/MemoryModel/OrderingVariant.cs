using Wireless.Memory;

namespace Wireless.Checking.MemoryModel;

/// <summary>Which accesses an ordering rule weakens.</summary>
public enum AccessClass
{
    Load,
    Store,
    ReadModifyWrite,
}

/// <summary>Weakens the accesses of one spec action to locations whose name starts with a prefix.</summary>
public sealed record WeakeningRule(SpecAction Action, string LocationPrefix, AccessClass Access, MemoryOrder To);

/// <summary>
/// A seeded-bug variant that weakens one ordering the design relies on (spec/SPEC.md §5), applied by the checked seam
/// at the matching accesses, so the runtime's code is unchanged. Only visible with the memory model on.
/// <see cref="Property"/> is what the checks must report.
/// </summary>
public sealed record OrderingVariant(string Name, string Summary, string Property, IReadOnlyList<WeakeningRule> Rules)
{
    public MemoryOrder Apply(SpecAction action, AccessClass access, nint address, Func<nint, string?> describe, MemoryOrder order)
    {
        foreach (var rule in Rules)
        {
            if (rule.Action != action || rule.Access != access) continue;
            if ((describe(address) ?? "").StartsWith(rule.LocationPrefix, StringComparison.Ordinal)) return rule.To;
        }
        return order;
    }
}
