namespace TestDataAgent.Generators.Llm;

/// <summary>Caller-written text on its way into a prompt, cut to a budget and unable to open or close a block.</summary>
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

    /// <summary><see cref="Cut"/>, then <see cref="Neutralise"/>: caller text as data inside a prompt's block.</summary>
    public static string Data(string text, int max) => Neutralise(Cut(text, max));

    /// <summary>
    /// The text with every tag-like opening (<c>&lt;</c>, optional spaces and <c>/</c>, then a letter) written as
    /// <c>&lt;</c> → <c>&amp;lt;</c>, also when the bracket or slash is a look-alike (fullwidth <c>＜／</c>, small
    /// <c>﹤</c>, angle brackets <c>〈⟨‹</c>, <c>⁄∕</c>) or the letters are fullwidth: no caller text can open or close
    /// a block such as <c>&lt;context&gt;</c>, whatever the model reads as one. Comparisons such as <c>a &lt; 5</c> stay.
    /// </summary>
    public static string Neutralise(string text)
    {
        System.Text.StringBuilder? neutral = null;
        var copied = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (Fold(text[i]) != '<' || !OpensTag(text, i + 1))
            {
                continue;
            }

            neutral ??= new System.Text.StringBuilder(text.Length + 16);
            neutral.Append(text, copied, i - copied).Append("&lt;");
            copied = i + 1;
        }

        return neutral is null ? text : neutral.Append(text, copied, text.Length - copied).ToString();
    }

    // After the bracket: spaces, at most one slash, spaces, then a letter (any script, so look-alike letters count).
    private static bool OpensTag(string text, int at)
    {
        var slash = false;
        for (; at < text.Length; at++)
        {
            var c = Fold(text[at]);
            if (char.IsWhiteSpace(c) || c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF')
            {
                continue;
            }

            if (c is '/' or '\\' && !slash)
            {
                slash = true;
                continue;
            }

            return char.IsLetter(text, at);
        }

        return false;
    }

    // One character for one, so positions in the folded text are positions in the caller's.
    private static char Fold(char c) => c switch
    {
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0), // fullwidth ASCII
        '\uFE64' or '\u2329' or '\u3008' or '\u27E8' or '\u2039' or '\u276C' or '\u276E' or '\u02C2' or '\u1438' => '<',
        '\uFE65' or '\u232A' or '\u3009' or '\u27E9' or '\u203A' or '\u276D' or '\u276F' or '\u02C3' or '\u1433' => '>',
        '\u2044' or '\u2215' or '\u29F8' or '\uFE68' => '/',
        _ => c,
    };
}
