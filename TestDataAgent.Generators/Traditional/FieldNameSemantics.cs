using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Infers what a field means from its name when the schema does not say (custom schemas), using the sibling
/// fields for context: <c>name</c> beside <c>price</c> or <c>sku</c> is a product name, not a person's.
/// </summary>
internal static class FieldNameSemantics
{
    public static string? Infer(FieldDefinition field, IReadOnlyList<FieldDefinition> siblings)
    {
        if (field.Semantic is { Length: > 0 } semantic)
        {
            return semantic;
        }

        var name = field.Name.ToLowerInvariant();
        var productContext = siblings.Any(s => s.Name is "price" or "sku" or "unit_price" or "product_id" or "brand");
        return name switch
        {
            _ when name.Contains("first", StringComparison.Ordinal) && name.Contains("name", StringComparison.Ordinal) => "first_name",
            _ when name.Contains("last", StringComparison.Ordinal) && name.Contains("name", StringComparison.Ordinal) => "last_name",
            _ when name.Contains("email", StringComparison.Ordinal) => "email",
            _ when name.Contains("phone", StringComparison.Ordinal) => "phone",
            "ip" or "ip_address" or "ipv4" or "client_ip" => "ipv4",
            _ when name.Contains("url", StringComparison.Ordinal) || name.Contains("website", StringComparison.Ordinal) => "url",
            _ when name.Contains("street", StringComparison.Ordinal) || name is "address" or "address_line1" or "address1" => "street",
            _ when name.Contains("city", StringComparison.Ordinal) => "city",
            "state" or "province" or "region" => "state",
            _ when name.Contains("zip", StringComparison.Ordinal) || name.Contains("postal", StringComparison.Ordinal) => "zip",
            _ when name.Contains("country", StringComparison.Ordinal) => "country",
            "sku" => "sku",
            "brand" => "brand",
            _ when name.Contains("company", StringComparison.Ordinal) => "company",
            "category" when productContext => "category",
            "name" or "title" or "product_name" when productContext => "product_name",
            "description" when productContext => "product_description",
            "price" or "unit_price" => "price",
            "quantity" or "qty" => "quantity",
            _ when name.Contains("username", StringComparison.Ordinal) => "username",
            "name" or "full_name" or "customer_name" => "full_name",
            _ when name.EndsWith("title", StringComparison.Ordinal) => "sentence",
            _ when name is "description" or "body" or "notes" or "comment" or "message" or "text" || name.EndsWith("_notes", StringComparison.Ordinal) => "paragraph",
            _ => null,
        };
    }
}
