using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Generators.Schemas;

/// <summary>
/// Turns a request's <c>schema.fields</c> tree (the domain agents' typed field lists) into a request-scoped schema.
/// Field names give values their meaning as they do for built-ins (<c>email</c>, <c>city</c>, <c>price</c> …).
/// </summary>
public static class SchemaFieldsConverter
{
    private const int MaxDepth = 16;
    private const int MaxFields = 500;

    // The wire's FieldType numbers, in order: STRING, INTEGER, FLOAT, BOOLEAN, DATE, DATETIME, EMAIL, PHONE, ADDRESS, UUID, ENUM, OBJECT, ARRAY.
    private static readonly FieldKind[] s_kinds =
    [
        FieldKind.String, FieldKind.Integer, FieldKind.Float, FieldKind.Boolean, FieldKind.Date, FieldKind.DateTime,
        FieldKind.Email, FieldKind.Phone, FieldKind.Address, FieldKind.Uuid, FieldKind.Enum, FieldKind.Object, FieldKind.Array,
    ];

    public static EntitySchema Convert(string name, string domain, IReadOnlyList<FieldSpecInput> fields, ICollection<string> warnings)
    {
        var count = 0;
        return new EntitySchema
        {
            Name = name.Length > 0 ? name : "custom",
            Domain = domain.Length > 0 ? domain : "custom",
            Description = "Schema sent in the request's schema.fields",
            Fields = ConvertFields(fields, "schema.fields", "", 0, ref count, warnings),
        };
    }

    private static List<FieldDefinition> ConvertFields(IReadOnlyList<FieldSpecInput> fields, string location, string parentPath, int depth, ref int count, ICollection<string> warnings)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidRequestException(location, $"{location} nests deeper than {MaxDepth} levels");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<FieldDefinition>(fields.Count);
        for (var i = 0; i < fields.Count; i++)
        {
            var spec = fields[i];
            var here = $"{location}[{i}]";
            if (++count > MaxFields)
            {
                throw new InvalidRequestException(location, $"schema.fields has more than {MaxFields} fields");
            }

            if (string.IsNullOrWhiteSpace(spec.Name))
            {
                throw new InvalidRequestException($"{here}.name", $"{here}.name must not be empty");
            }

            if (!names.Add(spec.Name))
            {
                throw new InvalidRequestException($"{here}.name", $"{here}.name '{Echo.Quote(spec.Name)}' is used twice at this level");
            }

            if (spec.Type < 0 || spec.Type >= s_kinds.Length)
            {
                throw new InvalidRequestException($"{here}.type", $"{here}.type {spec.Type} is not a FieldType (STRING … ARRAY)");
            }

            var path = parentPath.Length == 0 ? spec.Name : $"{parentPath}.{spec.Name}";
            var kind = s_kinds[spec.Type];
            if (kind == FieldKind.Object && spec.NestedFields.Count == 0)
            {
                throw new InvalidRequestException($"{here}.nested_fields", $"{here} is an OBJECT without nested_fields");
            }

            if (kind != FieldKind.Object && kind != FieldKind.Array && spec.NestedFields.Count > 0)
            {
                throw new InvalidRequestException($"{here}.nested_fields", $"{here} has nested_fields but is not an OBJECT or ARRAY");
            }

            if (kind == FieldKind.Enum)
            {
                // The wire's Field has no list of values: such a field becomes text with a meaning taken from its name.
                warnings.Add($"{here} '{spec.Name}' is ENUM but schema.fields cannot carry its values; it was generated as text (send inline_schema or custom_schema for real enums)");
                kind = FieldKind.String;
            }

            result.Add(new FieldDefinition
            {
                Name = spec.Name,
                Path = path,
                Kind = kind,
                Required = spec.Required,
                Description = spec.Description,
                Fields = kind == FieldKind.Object ? ConvertFields(spec.NestedFields, $"{here}.nested_fields", path, depth + 1, ref count, warnings) : [],
                Items = kind == FieldKind.Array ? Items(spec, here, path, depth, ref count, warnings) : null,
                MinItems = kind == FieldKind.Array ? 1 : null,
                MaxItems = kind == FieldKind.Array ? 5 : null,
            });
        }

        return result;
    }

    private static FieldDefinition Items(FieldSpecInput spec, string here, string path, int depth, ref int count, ICollection<string> warnings) =>
        spec.NestedFields.Count == 0
            ? new FieldDefinition { Name = "item", Path = $"{path}[]", Kind = FieldKind.String, MinLength = 3, MaxLength = 12 }
            : new FieldDefinition
            {
                Name = "item",
                Path = $"{path}[]",
                Kind = FieldKind.Object,
                Required = true,
                Fields = ConvertFields(spec.NestedFields, $"{here}.nested_fields", $"{path}[]", depth + 1, ref count, warnings),
            };
}
