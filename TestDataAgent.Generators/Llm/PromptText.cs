namespace TestDataAgent.Generators.Llm;

/// <summary>Caller-written text on its way into a prompt, cut to a budget.</summary>
internal static class PromptText
{
    /// <summary>
    /// At most <paramref name="max"/> characters of <paramref name="text"/>, never ending in half a surrogate pair (which
    /// would not encode), with "…" where it was cut.
    /// </summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = Math.Max(0, max - 1);
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), "…");
    }
}
