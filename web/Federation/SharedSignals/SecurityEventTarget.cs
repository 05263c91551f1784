namespace Sessions.Web.Federation.SharedSignals;

/// <summary>The grid user a security event is about, and the one session it names, if it names one.</summary>
/// <param name="UserId">The user.</param>
/// <param name="SessionId">A grid session id (a <c>complex</c> subject's <c>session</c> part), or null for the whole user.</param>
public sealed record SecurityEventTarget(Guid UserId, string? SessionId);
