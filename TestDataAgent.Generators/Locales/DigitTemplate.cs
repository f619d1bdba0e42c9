using System.Text;
using TestDataAgent.Generators.Traditional;

namespace TestDataAgent.Generators.Locales;

/// <summary>
/// Fills the templates of <c>locales.json</c>: <c>#</c> any digit, <c>D</c> 1-9, <c>N</c> 2-9, <c>*</c> digits until the
/// national number has its length, <c>{area}</c> the place's area code; every other character stays.
/// </summary>
internal static class DigitTemplate
{
    private const string Area = "{area}";

    public static string Fill(string template, RecordRandomizer random, string areaCode = "", int prefixLength = 0, int nationalLength = 0)
    {
        var builder = new StringBuilder(template.Length + 12);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && string.CompareOrdinal(template, i, Area, 0, Area.Length) == 0)
            {
                builder.Append(areaCode);
                i += Area.Length - 1;
                continue;
            }

            switch (c)
            {
                case '#':
                    builder.Append((char)('0' + random.Number(0, 9)));
                    break;
                case 'D':
                    builder.Append((char)('0' + random.Number(1, 9)));
                    break;
                case 'N':
                    builder.Append((char)('0' + random.Number(2, 9)));
                    break;
                case '*':
                    while (builder.Length - prefixLength < nationalLength)
                    {
                        builder.Append((char)('0' + random.Number(0, 9)));
                    }

                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }
}
