namespace Sessions.Grains.Hosting;

/// <summary>
/// The silo cannot start, for a reason an operator can fix (an unreachable database, a schema newer than this build).
/// The message is one line that says what and where, and never carries a password.
/// </summary>
internal sealed class SessionGridStartupException : Exception
{
    /// <summary>Creates the exception with the standard message.</summary>
    public SessionGridStartupException()
        : base("The session grid cannot start.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SessionGridStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public SessionGridStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
