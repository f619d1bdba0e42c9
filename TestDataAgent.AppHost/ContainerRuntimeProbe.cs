using System.ComponentModel;
using System.Diagnostics;

namespace TestDataAgent.AppHost;

/// <summary>
/// Asks the container runtime whether its engine answers. Aspire's own check is only available after Build() and,
/// with an installed client but no engine, a container resource makes start-up wait forever; so we ask first.
/// </summary>
internal static class ContainerRuntimeProbe
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> s_answers = new(StringComparer.Ordinal);

    /// <summary>Asked once per runtime: Redis, Ollama and Weaviate share the answer.</summary>
    public static bool IsHealthy(string runtime, TimeSpan timeout) => s_answers.GetOrAdd(runtime, r => Probe(r, timeout));

    private static bool Probe(string runtime, TimeSpan timeout)
    {
        try
        {
            var start = new ProcessStartInfo(runtime, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0 && !string.IsNullOrWhiteSpace(output.GetAwaiter().GetResult());
        }
        catch (Win32Exception)
        {
            // The runtime's client is not installed.
            return false;
        }
    }
}
