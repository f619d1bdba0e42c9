using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TestDataAgent.Api.Access;

/// <summary>Counter keys: <c>{what}|{yyyyMMdd}|{caller}</c>, the caller hashed when it is long (a JWT subject can be anything).</summary>
internal static class UsageKeys
{
    public const string Records = "records";
    public const string LlmTokens = "llm_tokens";

    private const int MaxCallerLength = 128;

    public static string For(string what, DateTimeOffset now, string caller) =>
        $"{what}|{now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}|{Caller(caller)}";

    /// <summary>The caller as a counter key holds it: itself, or its SHA-256 when it is long.</summary>
    public static string Caller(string caller) =>
        caller.Length > MaxCallerLength ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(caller))) : caller;

    public static string DayOf(string key) => key.Split('|', 3) is [_, var day, _] ? day : "";

    public static string WithCaller(string key, string caller) => key.Split('|', 3) is [var what, var day, _] ? $"{what}|{day}|{caller}" : key;

    /// <summary>How long until the UTC day ends (when daily quotas reset).</summary>
    public static TimeSpan UntilTomorrow(DateTimeOffset now) => now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime;
}
