using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TestDataAgent.Tests.StandIns;

/// <summary>The three providers' answer formats, whole and streamed (server-sent events, or NDJSON for Ollama).</summary>
internal static class StandInWire
{
    public static async Task WriteAsync(HttpResponse response, StandInApi api, bool stream, string text, (int Input, int Output) usage, string model)
    {
        if (!stream)
        {
            response.ContentType = "application/json";
            await response.WriteAsync(JsonSerializer.Serialize(Whole(api, text, usage, model)));
            return;
        }

        // Streamed in a few pieces, as models send tokens.
        var pieces = Split(text, 4);
        switch (api)
        {
            case StandInApi.Anthropic:
                response.ContentType = "text/event-stream";
                await Event(response, "message_start", new
                {
                    type = "message_start",
                    message = new { id = "msg_standin", type = "message", role = "assistant", model, content = Array.Empty<object>(), stop_reason = (string?)null, stop_sequence = (string?)null, usage = new { input_tokens = usage.Input, output_tokens = 0 } },
                });
                await Event(response, "content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "text", text = "" } });
                foreach (var piece in pieces)
                {
                    await Event(response, "content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "text_delta", text = piece } });
                }

                await Event(response, "content_block_stop", new { type = "content_block_stop", index = 0 });
                await Event(response, "message_delta", new { type = "message_delta", delta = new { stop_reason = "end_turn", stop_sequence = (string?)null }, usage = new { output_tokens = usage.Output } });
                await Event(response, "message_stop", new { type = "message_stop" });
                break;
            case StandInApi.OpenAi:
                response.ContentType = "text/event-stream";
                foreach (var piece in pieces)
                {
                    await Data(response, new { id = "chatcmpl-standin", @object = "chat.completion.chunk", created = 1_767_225_600, model, choices = new[] { new { index = 0, delta = new { role = "assistant", content = piece }, finish_reason = (string?)null } } });
                }

                await Data(response, new { id = "chatcmpl-standin", @object = "chat.completion.chunk", created = 1_767_225_600, model, choices = new[] { new { index = 0, delta = new { }, finish_reason = "stop" } } });
                await Data(response, new { id = "chatcmpl-standin", @object = "chat.completion.chunk", created = 1_767_225_600, model, choices = Array.Empty<object>(), usage = new { prompt_tokens = usage.Input, completion_tokens = usage.Output, total_tokens = usage.Input + usage.Output } });
                await response.WriteAsync("data: [DONE]\n\n");
                break;
            default:
                response.ContentType = "application/x-ndjson";
                foreach (var piece in pieces)
                {
                    await Line(response, new { model, created_at = "2026-01-01T00:00:00Z", message = new { role = "assistant", content = piece }, done = false });
                }

                await Line(response, new { model, created_at = "2026-01-01T00:00:00Z", message = new { role = "assistant", content = "" }, done = true, done_reason = "stop", total_duration = 1_000_000, prompt_eval_count = usage.Input, eval_count = usage.Output });
                break;
        }
    }

    private static object Whole(StandInApi api, string text, (int Input, int Output) usage, string model) => api switch
    {
        StandInApi.Anthropic => new
        {
            id = "msg_standin",
            type = "message",
            role = "assistant",
            model,
            content = new[] { new { type = "text", text } },
            stop_reason = "end_turn",
            stop_sequence = (string?)null,
            usage = new { input_tokens = usage.Input, output_tokens = usage.Output },
        },
        StandInApi.OpenAi => new
        {
            id = "chatcmpl-standin",
            @object = "chat.completion",
            created = 1_767_225_600,
            model,
            choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
            usage = new { prompt_tokens = usage.Input, completion_tokens = usage.Output, total_tokens = usage.Input + usage.Output },
        },
        _ => (object)new
        {
            model,
            created_at = "2026-01-01T00:00:00Z",
            message = new { role = "assistant", content = text },
            done = true,
            done_reason = "stop",
            total_duration = 1_000_000,
            prompt_eval_count = usage.Input,
            eval_count = usage.Output,
        },
    };

    private static List<string> Split(string text, int parts)
    {
        var size = Math.Max(1, (text.Length + parts - 1) / parts);
        var pieces = new List<string>();
        for (var i = 0; i < text.Length; i += size)
        {
            pieces.Add(text.Substring(i, Math.Min(size, text.Length - i)));
        }

        return pieces;
    }

    private static async Task Event(HttpResponse response, string name, object data)
    {
        await response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data)}\n\n", Encoding.UTF8);
        await response.Body.FlushAsync();
    }

    private static async Task Data(HttpResponse response, object data)
    {
        await response.WriteAsync($"data: {JsonSerializer.Serialize(data)}\n\n", Encoding.UTF8);
        await response.Body.FlushAsync();
    }

    private static async Task Line(HttpResponse response, object data)
    {
        await response.WriteAsync(JsonSerializer.Serialize(data) + "\n", Encoding.UTF8);
        await response.Body.FlushAsync();
    }
}
