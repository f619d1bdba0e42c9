using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Locales;
using TestDataAgent.Generators.Output;
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

    /// <summary>The first global index this request makes (0 unless it is a partition).</summary>
    public long First { get; init; }

    /// <summary>One past the last global index this request makes (<see cref="Count"/> unless it is a partition).</summary>
    public long End
    {
        get => _end ?? Count;
        init => _end = value;
    }

    private readonly long? _end;

    /// <summary>Which partition this is (0-based); 0 for a whole run. Only partition 0 carries a CSV header or SQL DDL.</summary>
    public int PartitionIndex { get; init; }

    /// <summary>How many partitions the run is split into; 1 for a whole run.</summary>
    public int PartitionCount { get; init; } = 1;

    /// <summary>Records this request makes: its slice of the run.</summary>
    public int RecordCount => (int)(End - First);

    public bool IsPartition => PartitionCount > 1;

    /// <summary>The locale or weighted mix of locales the records come from; <see cref="LocaleMix.Default"/> when none was sent.</summary>
    public LocaleMix Locales { get; init; } = LocaleMix.Default;

    /// <summary>SQL: the database the statements are written for.</summary>
    public SqlDialect SqlDialect { get; init; }

    /// <summary>Retrieval draws only from this owner's patterns and those without an owner (the shared corpus); <see langword="null"/>: from all.</summary>
    public string? PatternOwner { get; init; }
}
