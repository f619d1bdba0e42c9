using System.Globalization;
using System.Text;

namespace TestDataAgent.Generators.Locales;

/// <summary>
/// A name as the local part of an email address or a username: lower-case ASCII letters and digits. Accents are dropped
/// (é → e, å → a), letters without a decomposition are spelt out (ß → ss, ł → l, æ → ae), German umlauts are written as
/// Germans type them without the key (ü → ue), and Japanese and Chinese names take their curated romanisation.
/// </summary>
internal static class Transliteration
{
    private const int MaxLength = 64;

    public static string ToAscii(string name, Locale locale)
    {
        if (locale.Romanised.TryGetValue(name, out var latin))
        {
            return latin;
        }

        var german = locale.BogusCode == "de";
        var builder = new StringBuilder(Math.Min(name.Length, MaxLength) + 4);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (builder.Length >= MaxLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // U+0308 after a, o or u is a German umlaut: "ue", not "u".
                if (german && c == '\u0308' && builder.Length > 0 && builder[^1] is 'a' or 'o' or 'u')
                {
                    builder.Append('e');
                }

                continue;
            }

            builder.Append(char.ToLowerInvariant(c) switch
            {
                'ß' => "ss",
                'æ' => "ae",
                'œ' => "oe",
                'ø' => "o",
                'ł' => "l",
                'đ' => "d",
                'ð' => "d",
                'þ' => "th",
                'ı' => "i",
                _ => "",
            });
        }

        return builder.ToString();
    }
}
