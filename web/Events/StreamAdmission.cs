namespace Sessions.Web.Events;

/// <summary>Whether a new stream may open on this front end.</summary>
internal enum StreamAdmission
{
    Admitted = 0,

    /// <summary>The user holds <see cref="EventStreamOptions.EventStreamsPerUser"/> streams here already: 429.</summary>
    TooManyForUser = 1,

    /// <summary>This front end holds <see cref="EventStreamOptions.MaxEventStreams"/> streams already: 503.</summary>
    TooManyHere = 2,
}
