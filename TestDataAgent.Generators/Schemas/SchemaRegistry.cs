using System.Reflection;

namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// Schemas shipped as embedded schema files (named <c>NN-name.json</c>, NN giving the registration order), then
/// any <c>*.json</c> in the configured directory. Immutable after construction: request-scoped schemas never
/// enter it, so one caller's schema can never leak into another's <c>GetSchemas</c>.
/// </summary>
public sealed class SchemaRegistry : ISchemaRegistry
{
    private const string ResourcePrefix = "TestDataAgent.Schemas.";

    private readonly List<EntitySchema> _schemas;
    private readonly Dictionary<string, EntitySchema> _byName;

    public SchemaRegistry(IEnumerable<EntitySchema> schemas)
    {
        _schemas = [];
        _byName = new(StringComparer.Ordinal);
        foreach (var schema in schemas)
        {
            if (!_byName.TryAdd(schema.Name, schema))
            {
                throw new SchemaFormatException("name", $"schema '{schema.Name}' is defined twice");
            }

            _schemas.Add(schema);
        }
    }

    /// <summary>Loads the built-in schemas and then those in <paramref name="directory"/>, if given.</summary>
    public static SchemaRegistry Load(string? directory = null)
    {
        var schemas = LoadBuiltIn().ToList();
        if (!string.IsNullOrWhiteSpace(directory))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                try
                {
                    schemas.Add(SchemaParser.Parse(File.ReadAllText(file)));
                }
                catch (SchemaFormatException ex)
                {
                    throw new SchemaFormatException($"{Path.GetFileName(file)}: {ex.Path}", ex.Message);
                }
            }
        }

        return new SchemaRegistry(schemas);
    }

    public static IEnumerable<EntitySchema> LoadBuiltIn()
    {
        var assembly = typeof(SchemaRegistry).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            yield return SchemaParser.Parse(ReadResource(assembly, resource));
        }
    }

    public IReadOnlyList<EntitySchema> List(string? domain = null) =>
        string.IsNullOrEmpty(domain) ? _schemas : _schemas.Where(s => s.Domain == domain).ToList();

    public bool TryGet(string name, out EntitySchema schema) => _byName.TryGetValue(name, out schema!);

    internal static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
