namespace Sessions.Web.Federation.SharedSignals;

/// <summary>The push endpoint's log lines: transmitters by configuration name, events by type, never a token, a
/// subject's value or a secret (docs/invariants.md, invariant 5).</summary>
internal static partial class SharedSignalsLog
{
    [LoggerMessage(3431, LogLevel.Information, "Security event {EventType} from transmitter {Transmitter} acted on for user {UserId}", EventName = "SecurityEventActedOn")]
    public static partial void Acted(ILogger logger, string transmitter, string eventType, Guid userId);

    [LoggerMessage(3432, LogLevel.Information, "Security event {EventType} from transmitter {Transmitter} changes nothing here; accepted", EventName = "SecurityEventNoEffect")]
    public static partial void NoEffect(ILogger logger, string transmitter, string eventType);

    [LoggerMessage(3433, LogLevel.Information, "Security event {EventType} from transmitter {Transmitter} was received before; accepted, not acted on again", EventName = "SecurityEventDuplicate")]
    public static partial void Duplicate(ILogger logger, string transmitter, string eventType);

    [LoggerMessage(3434, LogLevel.Information, "Security event {EventType} from transmitter {Transmitter} names no user here (format {Format}); refused", EventName = "SecurityEventUnknownSubject")]
    public static partial void UnknownSubject(ILogger logger, string transmitter, string eventType, string format);
}
