namespace Sessions.Bench.Chaos;

/// <summary>What an answer means for the history: done, refused with a definite "nothing changed", or unknown.</summary>
internal static class Outcomes
{
    /// <summary>2xx: done (a validation accepted, a change acknowledged).</summary>
    public const string Ok = "ok";

    /// <summary>401: the credential presented was refused.</summary>
    public const string Denied = "denied";

    /// <summary>Another 4xx (400, 403, 409, 429): refused, nothing changed.</summary>
    public const string Refused = "refused";

    /// <summary>503: the grid could not decide or could not make the change durable; nothing was allowed, a change
    /// may or may not have been made.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>No answer (timeout, connection error) or another 5xx: unknown.</summary>
    public const string Error = "error";

    public static string Of(int status) => status switch
    {
        >= 200 and < 300 => Ok,
        401 => Denied,
        >= 400 and < 500 => Refused,
        503 => Unavailable,
        _ => Error,
    };

    /// <summary>Whether a change may have happened: acknowledged, or its outcome is unknown.</summary>
    public static bool MayHaveChanged(string outcome) => outcome is Ok or Unavailable or Error;
}
