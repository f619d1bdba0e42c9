using System.Runtime.CompilerServices;
using TestDataAgent.Generators.Caching;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Generators.Schemas;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Compiled field plans by (schema with its constraints, email digits), so a schema is compiled once, not once per call:
/// bounded to <see cref="GenerationOptions.FieldPlanCacheEntries"/> entries, least recently used dropped. A built-in
/// entity without constraints is the registry's own schema instance, whose fingerprint is computed once and remembered
/// beside it; a request with constraints or its own schema has a new instance, fingerprinted by content (the canonical
/// form the response cache keys use), so equal schemas and constraints share plans and different ones never do.
/// Requests with the <c>edge_case</c> hint compile their own plans (edge values depend on the reference time).
/// </summary>
internal sealed class FieldPlanCache(Func<int> capacity)
{
    // Each entry counts as one "byte", so the size-bounded cache bounds the number of entries.
    private readonly SizeBoundedCache<(string Schema, int EmailDigits), CompiledFields> _plans = new(() => capacity());
    private readonly ConditionalWeakTable<EntitySchema, string> _fingerprints = new();

    private long _compilations;

    /// <summary>Schemas compiled so far (misses): what tests watch to see plans reused.</summary>
    public long Compilations => Interlocked.Read(ref _compilations);

    /// <exception cref="InvalidRequestException">A field's pattern cannot be generated from, or would cost more than its bound.</exception>
    public CompiledFields For(GenerationRequest request, bool edgeCases, CancellationToken cancellationToken)
    {
        if (edgeCases || capacity() == 0)
        {
            return Compile(request, edgeCases, cancellationToken);
        }

        var key = (_fingerprints.GetValue(request.Schema, RequestFingerprint.OfSchema), FieldCompiler.EmailDigits(request.Count));
        if (_plans.TryGet(key, out var cached))
        {
            return cached;
        }

        var compiled = Compile(request, edgeCases: false, cancellationToken);
        _plans.Add(key, compiled, bytes: 1);
        return compiled;
    }

    private CompiledFields Compile(GenerationRequest request, bool edgeCases, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _compilations);
        // Pattern generators are built (bounded, cancellable) before the fields are compiled, which then reuse them.
        SchemaPatterns.Prepare(request.Schema.Fields, cancellationToken);
        var compiler = new FieldCompiler(request.Count, request.Schema.Derivations, edgeCases ? request.ReferenceTime : null);
        var plans = compiler.CompileFields(request.Schema.Fields);
        return new CompiledFields(plans, compiler.PermutationSlots);
    }
}
