using System.Text;

namespace TestDataAgent.Generators.Validation;

/// <summary>
/// The path of the field being checked (<c>addresses[0].street</c>), kept as a stack of segments and made into text
/// only when a violation names it: building every nested field's path as a string cost more allocation than the
/// rest of validation. One instance per thread, emptied at the start of each record.
/// </summary>
internal sealed class FieldPath
{
    [ThreadStatic]
    private static FieldPath? t_current;

    private readonly List<(string? Name, int Item)> _segments = new(8);

    /// <summary>The violations found in the record being checked (copied out when there are any).</summary>
    public List<RuleViolation> Violations { get; } = [];

    /// <summary>This thread's path and violation list, empty.</summary>
    public static FieldPath ForThisThread()
    {
        var path = t_current ??= new FieldPath();
        path._segments.Clear();
        path.Violations.Clear();
        return path;
    }

    public void Push(string name) => _segments.Add((name, -1));

    public void PushItem(int item) => _segments.Add((null, item));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public override string ToString()
    {
        if (_segments is [(string only, _)])
        {
            return only;
        }

        var text = new StringBuilder();
        foreach (var (name, item) in _segments)
        {
            if (name is null)
            {
                text.Append('[').Append(item).Append(']');
            }
            else
            {
                text.Append(text.Length == 0 ? "" : ".").Append(name);
            }
        }

        return text.ToString();
    }

    public static implicit operator string(FieldPath path) => path.ToString();
}
