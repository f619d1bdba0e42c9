using System.Buffers;

namespace TestDataAgent.Generators.Output;

/// <summary>
/// CSV injection (OWASP): a spreadsheet evaluates a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return as a formula (<c>=HYPERLINK(…)</c>, <c>@SUM(…)</c>, <c>+cmd|…</c>). Such a cell gets a leading
/// <c>'</c>, which spreadsheets read as "this is text". A plain number (<c>-12.50</c>, <c>+3</c>, <c>-1e5</c>) is left alone:
/// a spreadsheet reads it as the number it is, and programs reading the file get it unchanged. The <c>raw_csv</c> hint
/// turns this off for a request whose CSV is read only by programs.
/// </summary>
public static class CsvCells
{
    private static readonly SearchValues<char> s_triggers = SearchValues.Create("=+-@\t\r");

    public static string Neutralise(string cell) =>
        cell.Length > 0 && s_triggers.Contains(cell[0]) && !IsPlainNumber(cell) ? "'" + cell : cell;

    private static bool IsPlainNumber(string cell) =>
        (cell[0] is '+' or '-') && cell.Length > 1
        && double.TryParse(cell.AsSpan(1), System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowExponent,
            System.Globalization.CultureInfo.InvariantCulture, out _);
}
