using System.Text.Json;

namespace TestDataAgent.Web.Playground;

/// <summary>Records (a JSON array of objects) as a grid: the top-level fields in first-seen order, nested values as JSON text.</summary>
public sealed class RecordTable
{
    private RecordTable(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    public static RecordTable Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var columns = new List<string>();
        var records = new List<Dictionary<string, string>>();
        foreach (var record in document.RootElement.EnumerateArray())
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in record.EnumerateObject())
            {
                if (!columns.Contains(property.Name))
                {
                    columns.Add(property.Name);
                }

                cells[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString() ?? "",
                    JsonValueKind.Null => "",
                    _ => property.Value.GetRawText(),
                };
            }

            records.Add(cells);
        }

        var rows = records.Select(r => (IReadOnlyList<string>)columns.Select(c => r.GetValueOrDefault(c, "")).ToList()).ToList();
        return new RecordTable(columns, rows);
    }
}
