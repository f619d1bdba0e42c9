using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TestDataAgent.Generators.Pipeline;
using TestDataAgent.Generators.Requests;
using TestDataAgent.Tests.Infrastructure;

namespace TestDataAgent.Tests.Determinism;

/// <summary>
/// Same seed, same bytes, in any process on any machine: the SHA-256 of the NDJSON a seeded request returns (count 20,
/// seed 42, a fixed reference time) for each of the 36 built-in entities, pinned in <c>seeded-ndjson.sha256</c> by an
/// earlier run. A change of generation bytes, on purpose or not, fails here.
/// </summary>
/// <remarks>
/// When generation changes on purpose, update the file deliberately and say so in the commit:
/// <c>TDA_UPDATE_SEEDED_DIGESTS=1 dotnet test TestDataAgent.Tests --filter FullyQualifiedName~SeededOutputDigestTests</c>
/// rewrites it in the source tree (the test then fails once, to say it did); review the diff and commit it.
/// </remarks>
public sealed class SeededOutputDigestTests
{
    private const string FileName = "seeded-ndjson.sha256";
    private const string UpdateVariable = "TDA_UPDATE_SEEDED_DIGESTS";

    [Fact]
    public async Task EachEntitysSeededOutputHasThePinnedDigest()
    {
        var actual = await DigestsAsync();

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            await File.WriteAllLinesAsync(SourceFile(), actual.Select(d => $"{d.Value}  {d.Key}"));
            Assert.Fail($"{FileName} was rewritten ({UpdateVariable}=1): review and commit it, then run without the variable.");
        }

        var pinned = (await File.ReadAllLinesAsync(Path.Combine(AppContext.BaseDirectory, "Determinism", FileName)))
            .Where(line => line.Length > 0)
            .Select(line => line.Split("  ", 2))
            .ToDictionary(parts => parts[1], parts => parts[0], StringComparer.Ordinal);
        var changed = actual.Where(d => !pinned.TryGetValue(d.Key, out var digest) || digest != d.Value).Select(d => d.Key).ToList();

        Assert.Equal(pinned.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.True(changed.Count == 0,
            $"Seeded output changed for: {string.Join(", ", changed)}. If that is on purpose, rerun with {UpdateVariable}=1 and commit {FileName} with a note.");
    }

    private static async Task<SortedDictionary<string, string>> DigestsAsync()
    {
        using var services = TestRequests.DomainServices();
        var generation = services.GetRequiredService<GenerationService>();
        var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entity in TestRequests.AllEntities)
        {
            var request = TestRequests.Validator().Validate(new GenerationRequestInput
            {
                Entity = entity,
                Count = 20,
                Seed = 42,
                ReferenceTime = "2026-06-01T12:00:00Z",
                OutputFormat = (int)Generators.Generation.DataFormat.Ndjson,
            }, RequestMode.Unary);
            var result = await generation.GenerateAsync(request, CancellationToken.None);
            digests[entity] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(result.Data)));
        }

        return digests;
    }

    private static string SourceFile([CallerFilePath] string test = "") => Path.Combine(Path.GetDirectoryName(test)!, FileName);
}
