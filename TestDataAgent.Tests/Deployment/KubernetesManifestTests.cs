using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using TestDataAgent.Generators;
using YamlDotNet.RepresentationModel;

namespace TestDataAgent.Tests.Deployment;

public sealed partial class KubernetesManifestTests
{
    private const string SecretTemplate = "claude-secret.template.yaml";
    private const string KeysTemplate = "api-keys.template.yaml";

    // README "Metrics": the names as scraped from GET /metrics. Histograms also expose _bucket, _sum and _count.
    private static readonly string[] s_readmeMetrics =
    [
        "testdata_requests_total", "testdata_generation_duration_seconds", "testdata_records_generated_total",
        "testdata_validation_errors_total", "testdata_coherence_score", "testdata_cache_hits_total",
        "testdata_fallbacks_total", "testdata_llm_tokens_total", "testdata_pool_records_total", "testdata_llm_circuit_open",
        "testdata_redis_available", "testdata_cache_misses_total",
    ];

    private static readonly string[] s_histograms = ["testdata_generation_duration_seconds", "testdata_coherence_score"];

    private static readonly string s_root = RepositoryRoot();
    private static readonly string s_k8s = Path.Combine(s_root, "k8s");

    // Lazy, so that a manifest that does not load fails the manifest tests and not the monitoring ones.
    private readonly Lazy<List<(string File, object Resource)>> _resources = new(LoadKubernetesResources);

    [Fact]
    public void EveryManifestLoadsStrictlyAndCarriesTheAppLabels()
    {
        Assert.NotEmpty(_resources.Value);
        foreach (var (file, resource) in _resources.Value)
        {
            var labels = ((IMetadata<V1ObjectMeta>)resource).Metadata.Labels;
            Assert.True(labels is not null, file);
            Assert.Contains("app.kubernetes.io/name", labels.Keys);
            Assert.Contains("app.kubernetes.io/component", labels.Keys);
            Assert.Equal("test-data-agent", labels["app.kubernetes.io/part-of"]);
        }
    }

    [Fact]
    public void TheApiPortsAreTheAspireBindingsAndTheServiceExposesThem()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(s_root, "aspire-manifest.json")))!["resources"]!;
        var bindings = manifest["api"]!["bindings"]!;
        var expected = new Dictionary<string, int>
        {
            ["grpc"] = bindings["grpc"]!["targetPort"]!.GetValue<int>(),
            ["http"] = bindings["http"]!["targetPort"]!.GetValue<int>(),
        };
        Assert.Equal(9091, expected["grpc"]);
        Assert.Equal(8091, expected["http"]);

        var container = ApiContainer();
        Assert.Equal(expected, container.Ports.ToDictionary(p => p.Name, p => p.ContainerPort));

        var service = Single<V1Service>("api");
        Assert.Equal(expected, service.Spec.Ports.ToDictionary(p => p.Name, p => p.Port));
        foreach (var port in service.Spec.Ports)
        {
            Assert.Contains(container.Ports, p => p.Name == port.TargetPort.Value || p.ContainerPort.ToString(CultureInfo.InvariantCulture) == port.TargetPort.Value);
        }

        Assert.Equal("kubernetes.io/h2c", service.Spec.Ports.Single(p => p.Name == "grpc").AppProtocol);
        Assert.Subset(PodLabels("api"), service.Spec.Selector.ToHashSet());

        var redisPort = manifest["redis"]!["bindings"]!["tcp"]!["targetPort"]!.GetValue<int>();
        Assert.Equal(6379, redisPort);
        Assert.Equal(redisPort, Single<V1Service>("redis").Spec.Ports.Single().Port);
        Assert.Equal(redisPort, Container("redis").Ports.Single().ContainerPort);
        Assert.Contains($"redis:{redisPort},", Env(ApiContainer(), "ConnectionStrings__redis"));
    }

    [Fact]
    public void GrpcPortAndHttpPortEnvironmentEqualTheContainerPorts()
    {
        var container = ApiContainer();
        Assert.Equal(Port(container, "grpc").ToString(CultureInfo.InvariantCulture), Env(container, "GRPC_PORT"));
        Assert.Equal(Port(container, "http").ToString(CultureInfo.InvariantCulture), Env(container, "HTTP_PORT"));
    }

    [Fact]
    public void TheProbesHitTheServiceHealthRoutesOnTheHttpPort()
    {
        // The routes the api maps (HttpEndpointTests calls them over a real socket).
        var container = ApiContainer();
        var http = Port(container, "http");
        Assert.Equal(("/health/live", http), Target(container.LivenessProbe));
        Assert.Equal(("/health/ready", http), Target(container.ReadinessProbe));
        Assert.Equal(("/health/live", http), Target(container.StartupProbe));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("redis")]
    [InlineData("ollama")]
    [InlineData("weaviate")]
    public void TheContainersRunAsNonRootWithoutPrivilegeEscalation(string name)
    {
        var pod = Single<V1Deployment>(name).Spec.Template.Spec;
        var container = Container(name);
        Assert.True(container.SecurityContext.RunAsNonRoot ?? pod.SecurityContext?.RunAsNonRoot);
        Assert.NotEqual(0, container.SecurityContext.RunAsUser ?? pod.SecurityContext?.RunAsUser);
        Assert.False(container.SecurityContext.AllowPrivilegeEscalation);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
        Assert.Contains("ALL", container.SecurityContext.Capabilities.Drop);
    }

    [Fact]
    public void EveryContainerOfTheAppModelRunsTheSameImageAndPortInKubernetes()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(s_root, "aspire-manifest.json")))!["resources"]!.AsObject();
        var containers = manifest.Where(r => r.Value!["type"]!.GetValue<string>().StartsWith("container.", StringComparison.Ordinal)).ToList();
        Assert.Contains(containers, c => c.Key == "ollama");
        foreach (var (name, resource) in containers)
        {
            var container = Container(name);
            Assert.Equal(Normalise(resource!["image"]!.GetValue<string>()), Normalise(container.Image));
            var port = resource["bindings"]!.AsObject().Single().Value!["targetPort"]!.GetValue<int>();
            Assert.Equal(port, container.Ports.Single().ContainerPort);
            Assert.Equal(port, Single<V1Service>(name).Spec.Ports.Single().Port);
        }

        static string Normalise(string image) => image.Replace("docker.io/library/", "", StringComparison.Ordinal).Replace("docker.io/", "", StringComparison.Ordinal);
    }

    [Fact]
    public void TheApiReachesTheClusterDependenciesItIsConfiguredFor()
    {
        var config = Single<V1ConfigMap>("api-config").Data;
        Assert.Equal($"Endpoint=http://ollama:{Container("ollama").Ports.Single().ContainerPort};Model={Env(Container("ollama"), "OLLAMA_MODEL")}", config["ConnectionStrings__ollama"]);
        Assert.Equal($"Endpoint=http://weaviate:{Container("weaviate").Ports.Single().ContainerPort}", config["ConnectionStrings__weaviate"]);
        var egressPorts = Single<V1NetworkPolicy>("api").Spec.Egress.SelectMany(rule => rule.Ports).Select(p => p.Port.Value).ToHashSet();
        Assert.Contains("11434", egressPorts);
        Assert.Contains("8080", egressPorts);
    }

    [Fact]
    public void EveryGenerationSettingNamesAGenerationOptionsPropertyAndSatisfiesItsRange()
    {
        var settings = Single<V1ConfigMap>("api-config").Data.Where(pair => pair.Key.StartsWith("Generation__", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(settings);
        foreach (var (key, value) in settings)
        {
            var property = typeof(GenerationOptions).GetProperty(key["Generation__".Length..], BindingFlags.Public | BindingFlags.Instance);
            Assert.True(property is not null, $"{key} names no property of GenerationOptions");
            var parsed = Convert.ChangeType(value, property.PropertyType, CultureInfo.InvariantCulture);
            foreach (var range in property.GetCustomAttributes<RangeAttribute>())
            {
                Assert.True(range.IsValid(parsed), $"{key}={value} is outside [{range.Minimum}, {range.Maximum}]");
            }
        }
    }

    [Fact]
    public void TheAutoscalerScalesTheApiDeploymentFromTwoToTen()
    {
        var hpa = Single<V2HorizontalPodAutoscaler>("api");
        Assert.Equal("Deployment", hpa.Spec.ScaleTargetRef.Kind);
        Assert.Equal(Single<V1Deployment>("api").Metadata.Name, hpa.Spec.ScaleTargetRef.Name);
        Assert.Equal(2, hpa.Spec.MinReplicas);
        Assert.Equal(10, hpa.Spec.MaxReplicas);
        Assert.Equal(70, hpa.Spec.Metrics.Single(m => m.Resource?.Name == "cpu").Resource.Target.AverageUtilization);
    }

    [Fact]
    public void TheDisruptionBudgetSelectsTheApiPods()
    {
        var pdb = Single<V1PodDisruptionBudget>("api");
        Assert.Equal("1", pdb.Spec.MinAvailable.Value);
        Assert.Subset(PodLabels("api"), pdb.Spec.Selector.MatchLabels.ToHashSet());
        Assert.False(pdb.Spec.Selector.MatchLabels.ToHashSet().IsSubsetOf(PodLabels("redis")));
    }

    [Fact]
    public void TheKustomizationListsEveryManifestButTheSecretTemplates()
    {
        var kustomization = LoadYaml(Path.Combine(s_k8s, "kustomization.yaml"));
        var listed = ((YamlSequenceNode)kustomization["resources"]).Select(node => ((YamlScalarNode)node).Value!).Order(StringComparer.Ordinal).ToList();
        var manifests = ManifestFiles().Select(file => Path.GetFileName(file)).Where(name => name is not SecretTemplate and not KeysTemplate).ToList();
        Assert.Equal(manifests, listed);
        Assert.DoesNotContain(SecretTemplate, listed);
        Assert.DoesNotContain(KeysTemplate, listed);
        Assert.True(File.Exists(Path.Combine(s_k8s, SecretTemplate)));
        Assert.True(File.Exists(Path.Combine(s_k8s, KeysTemplate)));
    }

    [Fact]
    public void TheDashboardParsesAndUsesOnlyTheReadmeMetrics()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(s_root, "monitoring", "grafana-dashboard.json")))!;
        var expressions = dashboard["panels"]!.AsArray()
            .SelectMany(panel => panel!["targets"]!.AsArray())
            .Select(target => target!["expr"]!.GetValue<string>())
            .ToList();
        Assert.NotEmpty(expressions);
        AssertOnlyReadmeMetrics(expressions);
    }

    [Fact]
    public void ThePrometheusRulesLoadAndUseOnlyTheReadmeMetrics()
    {
        var rules = LoadYaml(Path.Combine(s_root, "monitoring", "prometheus-rules.yaml"));
        var expressions = ((YamlSequenceNode)((YamlMappingNode)rules["spec"])["groups"])
            .SelectMany(group => (YamlSequenceNode)((YamlMappingNode)group)["rules"])
            .Select(rule => ((YamlScalarNode)((YamlMappingNode)rule)["expr"]).Value!)
            .ToList();
        Assert.NotEmpty(expressions);
        AssertOnlyReadmeMetrics(expressions);
    }

    private static void AssertOnlyReadmeMetrics(IEnumerable<string> expressions)
    {
        var used = expressions.SelectMany(e => MetricName().Matches(e)).Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(used);
        foreach (var name in used)
        {
            var isHistogramSeries = s_histograms.Any(h => name == h + "_bucket" || name == h + "_sum" || name == h + "_count");
            Assert.True(s_readmeMetrics.Contains(name) || isHistogramSeries, $"{name} is not a metric the README lists");
        }
    }

    private static List<(string File, object Resource)> LoadKubernetesResources() =>
        ManifestFiles()
            .SelectMany(file => KubernetesYaml.LoadAllFromString(File.ReadAllText(file), strict: true).Select(resource => (Path.GetFileName(file), resource)))
            .ToList();

    private static IEnumerable<string> ManifestFiles() =>
        Directory.EnumerateFiles(s_k8s, "*.yaml").Where(file => Path.GetFileName(file) != "kustomization.yaml").Order(StringComparer.Ordinal);

    private static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(File.ReadAllText(path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private T Single<T>(string name) where T : IMetadata<V1ObjectMeta> =>
        _resources.Value.Select(r => r.Resource).OfType<T>().Single(r => r.Metadata.Name == name);

    private V1Container Container(string deployment) => Single<V1Deployment>(deployment).Spec.Template.Spec.Containers.Single();

    private V1Container ApiContainer() => Container("api");

    private HashSet<KeyValuePair<string, string>> PodLabels(string deployment) =>
        Single<V1Deployment>(deployment).Spec.Template.Metadata.Labels.ToHashSet();

    private static int Port(V1Container container, string name) => container.Ports.Single(p => p.Name == name).ContainerPort;

    private static string Env(V1Container container, string name) => container.Env.Single(e => e.Name == name).Value;

    private static (string Path, int Port) Target(V1Probe probe) =>
        (probe.HttpGet.Path, int.Parse(probe.HttpGet.Port.Value, CultureInfo.InvariantCulture));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TestDataAgent.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TestDataAgent.slnx not found above the test binaries.");
    }

    [GeneratedRegex(@"\btestdata_[a-z0-9_]+")]
    private static partial Regex MetricName();
}
