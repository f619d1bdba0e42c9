using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TestDataAgent.Tests.StandIns;

/// <summary>
/// A model provider on a loopback port that speaks Anthropic's <c>/v1/messages</c>, OpenAI's <c>/v1/chat/completions</c>
/// (vLLM) and Ollama's <c>/api/chat</c>, streaming and not, plus their model lists. What it answers is scripted per
/// call: text, status codes with <c>Retry-After</c>, latency, hangs. The real SDK clients talk to it over HTTP.
/// </summary>
public sealed partial class LlmStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StandInCall> _calls = new();
    private int _callCount;
    private int _inFlight;
    private int _peakInFlight;
    private int _modelListCalls;

    private LlmStandIn(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The port it bound (it asks for port 0, so no other process can have taken it in between).</summary>
    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Decides each reply; by default well-formed review records.</summary>
    public Func<StandInCall, StandInReply> Script { get; set; } = call => StandInReply.Json(StandInRecords.Reviews(call.RequestedCount, call.Number));

    public IReadOnlyList<StandInCall> Calls => [.. _calls];

    /// <summary>Chat calls being answered now (received, reply not yet written).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most chat calls that were being answered at the same time.</summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    /// <summary>Requests for the model list (<c>/v1/models</c>, <c>/api/tags</c>): what health probes cost the provider.</summary>
    public int ModelListCalls => Volatile.Read(ref _modelListCalls);

    /// <summary>Tokens the stand-in reports for each answer: input and output.</summary>
    public (int Input, int Output) Usage { get; set; } = (100, 50);

    public static async Task<LlmStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new LlmStandIn(app);
        app.MapPost("/v1/messages", context => standIn.HandleAsync(context, StandInApi.Anthropic));
        app.MapPost("/v1/chat/completions", context => standIn.HandleAsync(context, StandInApi.OpenAi));
        app.MapPost("/api/chat", context => standIn.HandleAsync(context, StandInApi.Ollama));
        app.MapGet("/v1/models", () => standIn.ModelList(new { data = new[] { new { id = "stand-in", type = "model" } } }));
        app.MapGet("/api/tags", () => standIn.ModelList(new { models = new[] { new { name = "stand-in" } } }));
        await app.StartAsync();
        standIn.Port = new Uri(app.Urls.Single()).Port;
        return standIn;
    }

    private IResult ModelList(object list)
    {
        Interlocked.Increment(ref _modelListCalls);
        return Results.Json(list);
    }

    private async Task HandleAsync(HttpContext context, StandInApi api)
    {
        var now = Interlocked.Increment(ref _inFlight);
        for (var peak = Volatile.Read(ref _peakInFlight); now > peak; peak = Volatile.Read(ref _peakInFlight))
        {
            Interlocked.CompareExchange(ref _peakInFlight, now, peak);
        }

        try
        {
            await AnswerAsync(context, api);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context, StandInApi api)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body) ?? new JsonObject();
        var prompt = string.Join("\n", Texts(body, api));
        var number = Interlocked.Increment(ref _callCount) - 1;
        var stream = api == StandInApi.Ollama ? body["stream"]?.GetValue<bool>() ?? true : body["stream"]?.GetValue<bool>() ?? false;
        var call = new StandInCall(number, api, body, prompt, RequestedCount(prompt), stream, DateTimeOffset.UtcNow,
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()));
        _calls.Enqueue(call);
        var reply = Script(call);
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        if (reply.Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (reply.Status != HttpStatusCode.OK)
        {
            context.Response.StatusCode = (int)reply.Status;
            if (reply.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsJsonAsync(ErrorBody(api, reply.Status));
            return;
        }

        await StandInWire.WriteAsync(context.Response, api, stream, reply.Text, Usage, ModelOf(body));
    }

    private static string ModelOf(JsonNode body) => body["model"]?.GetValue<string>() ?? "stand-in";

    private static IEnumerable<string> Texts(JsonNode body, StandInApi api)
    {
        if (api == StandInApi.Anthropic && body["system"] is { } system)
        {
            yield return system is JsonArray blocks ? string.Join("\n", blocks.Select(b => b?["text"]?.GetValue<string>())) : system.ToString();
        }

        foreach (var message in body["messages"]?.AsArray() ?? [])
        {
            var content = message?["content"];
            yield return content switch
            {
                JsonArray parts => string.Join("\n", parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
                null => "",
                _ => content.GetValue<string>(),
            };
        }
    }

    private static int RequestedCount(string prompt)
    {
        var matches = RecordsAsked().Matches(prompt);
        if (matches.Count == 0)
        {
            return 1;
        }

        var groups = matches[^1].Groups;
        var number = new[] { groups[1], groups[2], groups[3] }.First(g => g.Success).Value;
        return int.Parse(number, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static object ErrorBody(StandInApi api, HttpStatusCode status) => api switch
    {
        StandInApi.Anthropic => new { type = "error", error = new { type = status == HttpStatusCode.TooManyRequests ? "rate_limit_error" : "api_error", message = $"stand-in {(int)status}" } },
        StandInApi.OpenAi => new { error = new { message = $"stand-in {(int)status}", type = "server_error", code = (int)status } },
        _ => new { error = $"stand-in {(int)status}" },
    };

    [GeneratedRegex(@"holding exactly (\d+) records|Write exactly (\d+) records|write (\d+) new records")]
    private static partial Regex RecordsAskedPattern();

    private static Regex RecordsAsked() => RecordsAskedPattern();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public enum StandInApi
{
    Anthropic,
    OpenAi,
    Ollama,
}

/// <summary>One request the stand-in received.</summary>
public sealed record StandInCall(int Number, StandInApi Api, JsonNode Body, string Prompt, int RequestedCount, bool Streamed, DateTimeOffset At,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>What the stand-in answers to one call.</summary>
public sealed record StandInReply
{
    public string Text { get; init; } = "";

    public HttpStatusCode Status { get; init; } = HttpStatusCode.OK;

    public int? RetryAfterSeconds { get; init; }

    public TimeSpan Delay { get; init; }

    public bool Hang { get; init; }

    public static StandInReply Json(JsonArray records) => new() { Text = new JsonObject { ["records"] = records }.ToJsonString() };

    public static StandInReply Raw(string text) => new() { Text = text };

    public static StandInReply Fail(HttpStatusCode status, int? retryAfter = null) => new() { Status = status, RetryAfterSeconds = retryAfter };

    public static StandInReply Hung() => new() { Hang = true };
}
