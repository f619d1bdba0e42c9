using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Requests;

/// <summary>A validated, normalised request: everything that decides the output is here, and nothing else.</summary>
public sealed record GenerationRequest
{
    public string RequestId { get; init; } = "";
    public string Domain { get; init; } = "";
    public required EntitySchema Schema { get; init; }
    public int Count { get; init; }
    public required IReadOnlyList<ScenarioPlan> Scenarios { get; init; }
    public DataFormat Format { get; init; }
    public long Seed { get; init; }
    public DateTimeOffset ReferenceTime { get; init; }

    /// <summary>The caller sent no seed: <see cref="Seed"/> was chosen by the service (and is reported).</summary>
    public bool SeedChosenByService { get; init; }

    /// <summary>The caller sent no seed and no reference time: <see cref="ReferenceTime"/> is the clock's.</summary>
    public bool ReferenceTimeChosenByService { get; init; }
    public string Context { get; init; } = "";
    public IReadOnlyList<string> Hints { get; init; } = [];
    public bool UseCache { get; init; }
    public bool LearnFromHistory { get; init; }
    public bool DefectTriggering { get; init; }
    public bool ProductionLike { get; init; }

    /// <summary>The path the caller forced, or <see langword="null"/> for the router's choice.</summary>
    public GenerationPath? RequestedMethod { get; init; }

    /// <summary>Whether the caller sent constraints (folded into <see cref="Schema"/>), so records are checked as they are made.</summary>
    public bool Constrained { get; init; }

    /// <summary>Things the caller should know that did not stop the request (ignored inputs, adjusted counts).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string Entity => Schema.Name;
}
