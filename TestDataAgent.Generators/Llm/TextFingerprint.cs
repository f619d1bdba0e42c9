using System.Text;

namespace TestDataAgent.Generators.Llm;

/// <summary>A text reduced to its words, lower-cased: two texts that differ only in case, spacing or punctuation match.</summary>
internal static class TextFingerprint
{
    public static string Of(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }
}
