namespace Sessions.Tests.Events;

/// <summary>One block of an event stream, up to its blank line: an event (with its data) or a comment.</summary>
public sealed record ServerSentEvent(string? Event, string? Data, string? Comment);
