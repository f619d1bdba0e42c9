namespace TestDataAgent.Generators.Schemas;

/// <summary>A schema document that cannot be used; <see cref="Path"/> says where (<c>fields.items.item_schema</c>).</summary>
public sealed class SchemaFormatException(string path, string message)
    : Exception(path.Length == 0 ? message : $"{path}: {message}")
{
    public string Path { get; } = path;
}
