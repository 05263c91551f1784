namespace Sessions.Grains.Abstractions.Users;

/// <summary>
/// A change could not be made durable, so it was not acknowledged. The grain has stopped answering from memory
/// and reloads from storage on the next call; retrying is safe (every change is idempotent or re-checked).
/// The message never carries secrets or storage details.
/// </summary>
[GenerateSerializer, Alias("sg.SessionStoreUnavailableException")]
public sealed class SessionStoreUnavailableException : Exception
{
    /// <summary>Creates the exception with the standard message.</summary>
    public SessionStoreUnavailableException()
        : base("The session store could not make the change durable; nothing was acknowledged. Retry.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SessionStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public SessionStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
