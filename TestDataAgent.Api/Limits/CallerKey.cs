namespace TestDataAgent.Api.Limits;

/// <summary>
/// Who a call comes from, for per-caller limits. Today the remote IP address; once callers authenticate, their identity
/// (register another <see cref="CallerKey"/>).
/// </summary>
public delegate string CallerKey(HttpContext context);
