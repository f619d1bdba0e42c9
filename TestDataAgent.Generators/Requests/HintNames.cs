namespace TestDataAgent.Generators.Requests;

/// <summary>
/// The hint vocabulary, defined once: what the router reads and what the generators act on. Hints arrive trimmed and
/// lower-cased (<see cref="GenerationRequestValidator"/>); anything else is reported as not understood.
/// </summary>
public static class HintNames
{
    /// <summary>Forces the traditional path (TRADITIONAL is 0 on the wire, the same as "unset").</summary>
    public const string Fast = "fast";

    /// <summary>Valid records that sit on the boundaries: min and max values and lengths, unusual but legal text.</summary>
    public const string EdgeCase = "edge_case";

    /// <summary>CSV cells go out as generated, even those a spreadsheet would evaluate as a formula (for files only programs read).</summary>
    public const string RawCsv = "raw_csv";

    /// <summary>Hints that ask for records derived from stored patterns (the RAG path).</summary>
    public static IReadOnlySet<string> Patterns { get; } = new HashSet<string>(StringComparer.Ordinal) { "similar", "pattern", "historical", "production" };

    /// <summary>Hints that ask for a model's writing (the LLM path).</summary>
    public static IReadOnlySet<string> Intelligence { get; } = new HashSet<string>(StringComparer.Ordinal) { "realistic", "coherent", "intelligent", "natural" };

    /// <summary>Every hint something in this version acts on.</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>([.. Patterns, .. Intelligence, Fast, EdgeCase, RawCsv], StringComparer.Ordinal);

    /// <summary>A caller's hints as the service compares them: trimmed, lower-cased, without blanks or repeats, in the order sent.</summary>
    public static IReadOnlyList<string> Normalise(IEnumerable<string> hints) =>
        hints.Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
