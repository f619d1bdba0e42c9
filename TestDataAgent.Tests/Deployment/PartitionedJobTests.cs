using System.Text.Json;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;

namespace TestDataAgent.Tests.Deployment;

/// <summary>The example Indexed Job (issue 16) is a valid Job whose pods each ask for their own partition of one run.</summary>
public sealed partial class PartitionedJobTests
{
    [Fact]
    public void EachPodOfTheIndexedJobStreamsItsOwnPartitionOfOneRun()
    {
        var path = Path.Combine(RepositoryRoot(), "k8s", "examples", "partitioned-job.yaml");
        var job = Assert.IsType<V1Job>(Assert.Single(KubernetesYaml.LoadAllFromString(File.ReadAllText(path), strict: true)));

        Assert.Equal("Indexed", job.Spec.CompletionMode);
        var command = string.Join(' ', job.Spec.Template.Spec.Containers.Single().Args);
        var body = RequestBody().Match(command);
        Assert.True(body.Success, "the pod sends a GenerateDataStream request");
        using var request = JsonDocument.Parse(Regex.Unescape(body.Groups[1].Value).Replace("${JOB_COMPLETION_INDEX}", "3", StringComparison.Ordinal));
        var partition = request.RootElement.GetProperty("partition");
        Assert.Equal(3, partition.GetProperty("index").GetInt32());
        Assert.Equal(job.Spec.Completions, partition.GetProperty("count").GetInt32());
        Assert.True(request.RootElement.TryGetProperty("seed", out _), "every pod uses the same seed");
        Assert.Contains("GenerateDataStream", command, StringComparison.Ordinal);
        Assert.Contains("JOB_COMPLETION_INDEX", command[(body.Index + body.Length)..], StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TestDataAgent.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TestDataAgent.slnx not found above the test binaries.");
    }

    [GeneratedRegex("""-d "(\{.*?\}\})" """)]
    private static partial Regex RequestBody();
}
