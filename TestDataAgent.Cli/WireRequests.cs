using TestDataAgent.Contracts.V1;
using TestDataAgent.Generators.Datasets;
using TestDataAgent.Generators.Requests;

namespace TestDataAgent.Cli;

/// <summary>
/// The domain's request inputs as wire messages, the reverse of the Api's <c>RequestMapper</c>/<c>DatasetMapper</c>: the
/// CLI builds one input from its options and either runs it embedded or sends it, so both modes ask the same thing.
/// </summary>
internal static class WireRequests
{
    public static GenerateRequest ToWire(GenerationRequestInput input)
    {
        var request = new GenerateRequest
        {
            Entity = input.Entity,
            Count = input.Count,
            OutputFormat = (OutputFormat)input.OutputFormat,
            GenerationMethod = (GenerationMethod)input.GenerationMethod,
            InlineSchema = input.InlineSchema,
            Locale = input.Locale,
            ReferenceTime = input.ReferenceTime,
            Constraints = ToWire(input.Constraints),
        };
        if (input.Seed is { } seed)
        {
            request.Seed = seed;
        }

        if (input.Partition is { } partition)
        {
            request.Partition = new Partition { Index = partition.Index, Count = partition.Count };
        }

        request.Scenarios.Add(input.Scenarios.Select(ToWire));
        return request;
    }

    public static GenerateDatasetRequest ToWire(DatasetRequestInput input)
    {
        var request = new GenerateDatasetRequest { Preset = input.Preset, OutputFormat = (OutputFormat)input.OutputFormat, Locale = input.Locale };
        if (input.Seed is { } seed)
        {
            request.Seed = seed;
        }

        request.Tables.Add(input.Tables.Select(t => new Contracts.V1.DatasetTable { Name = t.Name, Count = t.Count }));
        return request;
    }

    public static Constraints ToWire(IReadOnlyDictionary<string, FieldConstraintInput> constraints)
    {
        var wire = new Constraints();
        foreach (var (field, constraint) in constraints)
        {
            var one = new FieldConstraint();
            one.EnumValues.Add(constraint.EnumValues);
            if (constraint.Min is { } min)
            {
                one.Min = min;
            }

            if (constraint.Max is { } max)
            {
                one.Max = max;
            }

            if (constraint.Regex is { } regex)
            {
                one.Regex = regex;
            }

            if (constraint.MinLength is { } minLength)
            {
                one.MinLength = minLength;
            }

            if (constraint.MaxLength is { } maxLength)
            {
                one.MaxLength = maxLength;
            }

            if (constraint.Format is { } format)
            {
                one.Format = format;
            }

            if (constraint.NullRate is { } nullRate)
            {
                one.NullRate = nullRate;
            }

            if (constraint.MissingRate is { } missingRate)
            {
                one.MissingRate = missingRate;
            }

            wire.FieldConstraints[field] = one;
        }

        return wire;
    }

    private static Scenario ToWire(ScenarioInput scenario)
    {
        var wire = new Scenario { Name = scenario.Name, Count = scenario.Count, Description = scenario.Description };
        foreach (var (field, value) in scenario.Overrides)
        {
            wire.Overrides[field] = value;
        }

        return wire;
    }
}
