namespace TestDataAgent.Api.Limits;

/// <summary>Who a call comes from, for per-caller limits: <see cref="Access.Callers"/> names it (key, certificate or token subject; the client address when anonymous).</summary>
public delegate string CallerKey(HttpContext context);
