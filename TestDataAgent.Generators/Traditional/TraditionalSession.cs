using TestDataAgent.Generators.Catalog;
using TestDataAgent.Generators.Generation;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Validation;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// One request's traditional generation state: its seeded context and compiled field plans. The traditional generator
/// makes every record with it; the LLM, RAG and hybrid generators use it for scaffold records (unique IDs, overrides,
/// valid values for any field a model got wrong) and to make merged records coherent again.
/// Not thread-safe: one consumer at a time, in index order, so the same seed gives the same records.
/// </summary>
public sealed class TraditionalSession
{
    // Constraints on derived fields (a cart total under 50) are met by drawing the record again, a bounded number of times.
    private const int MaxAttemptsPerRecord = 200;

    private const int RederiveAttempt = -1;

    private readonly GenerationRequest _request;
    private readonly RecordValidator _validator;
    private readonly GenerationContext _context;
    private readonly IReadOnlyList<FieldPlan> _plans;
    private int _recordCapacity;
    private readonly IReadOnlyDictionary<string, FieldPlan> _plansByName;

    /// <exception cref="InvalidRequestException">A field's pattern cannot be generated from, or would cost more than its bound.</exception>
    public TraditionalSession(GenerationRequest request, ThemeCatalog catalog, RecordValidator validator, CancellationToken cancellationToken = default)
        : this(request, catalog, validator, new FieldPlanCache(() => 0).For(request, request.Hints.Contains(HintNames.EdgeCase), cancellationToken))
    {
    }

    /// <summary>A session on plans compiled before (and shared with other requests of the same schema).</summary>
    internal TraditionalSession(GenerationRequest request, ThemeCatalog catalog, RecordValidator validator, CompiledFields fields)
    {
        _request = request;
        _validator = validator;
        _context = new GenerationContext(request.Seed, request.ReferenceTime, catalog, request.Hints.Contains(HintNames.EdgeCase), request.Locales);
        _plans = fields.Plans;
        _recordCapacity = _plans.Count + 2;
        _plansByName = fields.ByName;
    }

    /// <summary>
    /// Whether the session reuses its records: a record from <see cref="Make"/> is then the caller's only until the next
    /// call, which takes it back. For a caller that writes each record before it asks for the next (a stream's batch,
    /// a unary answer); a record that is kept must come from a session that does not recycle.
    /// </summary>
    internal bool RecyclesRecords
    {
        get => _context.RecyclesRecords;
        set => _context.RecyclesRecords = value;
    }

    /// <summary>A valid, coherent record for the global <paramref name="index"/> of <paramref name="scenario"/>, with <c>_scenario</c> and <c>_index</c>.</summary>
    /// <exception cref="InvalidRequestException">The request's constraints cannot be met.</exception>
    public DataRecord Make(long index, ScenarioPlan scenario)
    {
        var record = MakeOnce(index, scenario.Overrides, attempt: 0);
        // A value that could not be checked in time is not redrawn: what a seed gives must not depend on machine load.
        for (var attempt = 1; _request.Constrained && FirstChecked(_validator.Validate(record, _request.Schema, index)) is { } first; attempt++)
        {
            if (attempt == MaxAttemptsPerRecord)
            {
                throw new InvalidRequestException($"constraints.field_constraints[{first.Field}]",
                    $"the constraints cannot be met: after {MaxAttemptsPerRecord} attempts {first.Message}; widen the bounds");
            }

            record = MakeOnce(index, scenario.Overrides, attempt);
        }

        record[DataRecord.ScenarioField] = scenario.Name;
        record[DataRecord.IndexField] = index;
        // Derived and override fields can outnumber the plans: the next record is made as large as this one grew, so it
        // never resizes (a resize allocates the record's entries twice).
        _recordCapacity = Math.Max(_recordCapacity, record.Count);
        return record;
    }

    /// <summary>
    /// Applies the schema's derive rules to a record whose base values came from elsewhere (a model, a pattern), then the
    /// scenario's nested overrides, so totals add up and timestamps are ordered again.
    /// </summary>
    public void Rederive(DataRecord record, long index, ScenarioPlan scenario)
    {
        // Its own attempt number, so re-deriving never repeats the draws that made the scaffold.
        _context.BeginRecord(index, record, RederiveAttempt);
        DerivationEngine.Apply(_context, record, _request.Schema.Derivations, _plansByName, scenario.Overrides);
        if (scenario.Overrides.Count > 0)
        {
            RecordBuilder.ApplyNestedOverrides(_context, record, scenario.Overrides);
        }
    }

    private static RuleViolation? FirstChecked(IReadOnlyList<RuleViolation> violations)
    {
        foreach (var violation in violations)
        {
            if (!violation.NotChecked)
            {
                return violation;
            }
        }

        return null;
    }

    private DataRecord MakeOnce(long index, IReadOnlyDictionary<string, object?> overrides, int attempt)
    {
        if (_context.RecyclesRecords)
        {
            // The previous record (or attempt) is done with: its records and lists make this one.
            _context.Recycle();
        }

        var record = _context.NewRecord(_recordCapacity);
        _context.BeginRecord(index, record, attempt);
        RecordBuilder.Fill(_context, record, _plans, overrides);
        if (overrides.Count > 0)
        {
            RecordBuilder.ApplyNestedOverrides(_context, record, overrides);
        }

        DerivationEngine.Apply(_context, record, _request.Schema.Derivations, _plansByName, overrides);
        return record;
    }
}
