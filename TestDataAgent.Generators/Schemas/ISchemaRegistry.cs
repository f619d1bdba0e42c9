namespace TestDataAgent.Generators.Schemas;

/// <summary>The built-in schemas (and those from <c>Schemas:Directory</c>), in registration order.</summary>
public interface ISchemaRegistry
{
    /// <summary>All schemas, optionally only those whose domain equals <paramref name="domain"/> exactly.</summary>
    IReadOnlyList<EntitySchema> List(string? domain = null);

    /// <summary>Finds a schema by its exact name.</summary>
    bool TryGet(string name, out EntitySchema schema);
}
