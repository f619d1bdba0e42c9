namespace TestDataAgent.Generators.Datasets;

/// <summary>How a foreign key's row is found from the child row's key.</summary>
public enum ReferenceKind
{
    /// <summary>The parent row: the child's key divided by the parent's stride.</summary>
    Parent,

    /// <summary>The parent's own reference to the same table (a review's product is its order item's product).</summary>
    ThroughParent,

    /// <summary>An ancestor row further up (a review's customer is its order's customer).</summary>
    Ancestor,

    /// <summary>A row of a root table picked by (seed, table, column, key), uniformly.</summary>
    Root,
}
