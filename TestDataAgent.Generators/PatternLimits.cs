namespace TestDataAgent.Generators;

/// <summary>
/// The <see cref="PatternOptions"/> in force for the process. Patterns are compiled behind static call sites (the schema
/// readers, constraint folding, field compilation), so the host installs its validated options here once at start-up;
/// until then, and in tools and unit tests, the defaults apply. Code that has options at hand passes them explicitly.
/// </summary>
public static class PatternLimits
{
    private static volatile PatternOptions s_current = new();

    public static PatternOptions Current => s_current;

    public static void Install(PatternOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        s_current = options;
    }
}
