namespace Sessions.Web.Grid;

/// <summary>
/// The grid could not decide: no silo has been reached yet, or the user's grain could not vouch for its state.
/// Never "denied": whoever meets it answers 503 with Retry-After, so nothing is allowed and nothing is shown as done
/// (docs/threat-model.md, H8). Front-end code tests for it with <c>is</c>; it never crosses a grain call.
/// </summary>
public sealed class GridUnavailableException : Exception
{
    /// <summary>Creates the exception with the standard message.</summary>
    public GridUnavailableException()
        : base("The session grid could not decide; nothing was allowed or changed. Retry shortly.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GridUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public GridUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
