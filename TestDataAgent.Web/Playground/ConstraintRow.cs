using TestDataAgent.Contracts.V1;

namespace TestDataAgent.Web.Playground;

/// <summary>One field's constraint as the form edits it; blank boxes set nothing.</summary>
public sealed class ConstraintRow
{
    public string Field { get; set; } = "";

    public double? Min { get; set; }

    public double? Max { get; set; }

    /// <summary>Allowed values, comma-separated.</summary>
    public string EnumValues { get; set; } = "";

    public string Regex { get; set; } = "";

    /// <summary>Share of records (0 to 1) in which the field is null.</summary>
    public double? NullRate { get; set; }

    public FieldConstraint ToConstraint()
    {
        var constraint = new FieldConstraint();
        if (Min is { } min)
        {
            constraint.Min = min;
        }

        if (Max is { } max)
        {
            constraint.Max = max;
        }

        constraint.EnumValues.AddRange(EnumValues.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (!string.IsNullOrWhiteSpace(Regex))
        {
            constraint.Regex = Regex;
        }

        if (NullRate is { } nullRate)
        {
            constraint.NullRate = nullRate;
        }

        return constraint;
    }
}
