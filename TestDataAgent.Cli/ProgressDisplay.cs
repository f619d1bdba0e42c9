using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace TestDataAgent.Cli;

/// <summary>
/// The progress bar on a terminal's stderr (records done of the total, records/s, ETA), shown only when stderr is a
/// terminal and the data goes to a file: on a pipe nothing but data is written.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(TextWriter terminal, long total, Func<Action<long>, Task<T>> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(terminal),
        });
        return await console.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn { Width = 16 }, new PercentageColumn(), new RecordsColumn(), new SpeedColumn(), new EtaColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("records", maxValue: Math.Max(1, total));
                var result = await work(records => task.Value = records);
                context.Refresh();
                return result;
            });
    }

    private sealed class RecordsColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:N0}/{task.MaxValue:N0} records"));
    }

    private sealed class SpeedColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? string.Create(CultureInfo.InvariantCulture, $"{speed:N0} records/s") : "- records/s");
    }

    private sealed class EtaColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.RemainingTime is { } left ? string.Create(CultureInfo.InvariantCulture, $"ETA {left:hh\\:mm\\:ss}") : "ETA --:--:--");
    }
}
