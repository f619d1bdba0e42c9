namespace TestDataAgent.Generators.Traditional;

/// <summary>A schema's compiled field plans, shared by every request of that schema (they hold no request state).</summary>
internal sealed class CompiledFields
{
    public CompiledFields(IReadOnlyList<FieldPlan> plans, int permutationSlots)
    {
        Plans = plans;
        ByName = plans.ToDictionary(p => p.Name, StringComparer.Ordinal);
        PermutationSlots = permutationSlots;
    }

    public IReadOnlyList<FieldPlan> Plans { get; }

    public IReadOnlyDictionary<string, FieldPlan> ByName { get; }

    public int PermutationSlots { get; }
}
