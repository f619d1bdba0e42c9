namespace TestDataAgent.Generators.Datasets.Rules;

/// <summary>Receives every outcome of <see cref="CrossTableRules"/>: a rule checked (held or not), or a key that names no row.</summary>
public interface IDatasetRuleSink
{
    /// <param name="row">The row the rule was checked on.</param>
    /// <param name="field">The field the rule is about (the one a violation names).</param>
    /// <param name="rule">The rule's name, stable for callers: <c>item_price</c>, <c>payment_amount</c> … (docs/datasets.md).</param>
    /// <param name="held">Whether the row keeps the rule.</param>
    /// <param name="description">What the rule says, for a message.</param>
    void Rule(DatasetRow row, string field, string rule, bool held, string description);

    void Orphan(DatasetRow row, DatasetReference reference);
}
