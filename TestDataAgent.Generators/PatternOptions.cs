using System.ComponentModel.DataAnnotations;

namespace TestDataAgent.Generators;

/// <summary>
/// Bounds on the regular expressions callers send (schema <c>pattern</c>s and <c>regex</c> constraints), bound from the
/// <c>Generation:Patterns</c> section. Every error that enforces one names its setting (<see cref="SettingName"/>).
/// </summary>
public sealed class PatternOptions
{
    public const string SectionName = "Generation:Patterns";

    /// <summary>Longest pattern accepted, in characters.</summary>
    [Range(16, 20_000)]
    public int MaxLength { get; set; } = 1024;

    /// <summary>
    /// Units of work one pattern's value generator may take to build: automaton states and transitions, ε-closure steps,
    /// and cells of its length table with the transitions checked to fill them. A unit is 5 to 20 nanoseconds of one
    /// core, so the default is well under a second.
    /// </summary>
    [Range(10_000, 10_000_000_000)]
    public long MaxBuildWork { get; set; } = 25_000_000;

    /// <summary>Approximate bytes one pattern's value generator may hold while it is built and after.</summary>
    [Range(65_536d, 134_217_728d)]
    public long MaxGeneratorBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Approximate bytes all cached value generators together may hold; the least recently used go first.</summary>
    [Range(0, 4_294_967_296)]
    public long GeneratorCacheBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Longest pattern validation runs with the non-backtracking engine (linear matching, but its construction grows
    /// quickly with the pattern); longer ones, and those it cannot run (backreferences, lookarounds), backtrack with
    /// <see cref="MatchTimeoutMilliseconds"/>.
    /// </summary>
    [Range(0, 20_000)]
    public int NonBacktrackingMaxLength { get; set; } = 256;

    /// <summary>Longest one match of a pattern against one value may run; beyond it the value is reported as not checked.</summary>
    [Range(1, 10_000)]
    public int MatchTimeoutMilliseconds { get; set; } = 100;

    /// <summary>Approximate bytes (measured as allocated while compiling) all cached validation patterns together may hold.</summary>
    [Range(0, 4_294_967_296)]
    public long ValidationCacheBytes { get; set; } = 32 * 1024 * 1024;

    public TimeSpan MatchTimeout => TimeSpan.FromMilliseconds(MatchTimeoutMilliseconds);

    /// <summary>The configuration key of a property, as errors name it: <c>Generation:Patterns:MaxBuildWork</c>.</summary>
    public static string SettingName(string property) => $"{SectionName}:{property}";
}
