using System.Globalization;

namespace TestDataAgent.Generators.Traditional;

/// <summary>
/// Generated dates and times as text: <c>yyyy-MM-dd</c> and <c>yyyy-MM-ddTHH:mm:ssZ</c> of the value's clock time, the
/// same text as those custom formats give, written through the runtime's sortable (<c>s</c>) fast path instead of its
/// custom-format interpreter.
/// </summary>
internal static class IsoText
{
    private const int SortableLength = 19;

    /// <summary><paramref name="value"/> as <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
    public static string DateTime(DateTimeOffset value) =>
        string.Create(SortableLength + 1, value, static (text, v) =>
        {
            Sortable(v, text);
            text[SortableLength] = 'Z';
        });

    /// <summary><paramref name="value"/> as <c>yyyy-MM-dd</c>.</summary>
    public static string Date(DateTimeOffset value) =>
        string.Create(10, value, static (text, v) =>
        {
            Span<char> full = stackalloc char[SortableLength];
            Sortable(v, full);
            full[..10].CopyTo(text);
        });

    private static void Sortable(DateTimeOffset value, Span<char> destination)
    {
        if (!value.TryFormat(destination, out var written, "s", CultureInfo.InvariantCulture) || written != SortableLength)
        {
            throw new InvalidOperationException($"The sortable form of {value:O} is not {SortableLength} characters.");
        }
    }
}
