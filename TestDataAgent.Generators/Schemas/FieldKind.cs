namespace TestDataAgent.Generators.Schemas;

/// <summary>The value type of a schema field; the names are the schema format's <c>type</c> strings.</summary>
public enum FieldKind
{
    String,
    Integer,
    Float,
    Boolean,
    Date,
    DateTime,
    Email,
    Phone,
    Address,
    Uuid,
    Enum,
    Object,
    Array,
}
