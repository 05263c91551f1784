using Sessions.Bench.Scaling.Measuring;

namespace Sessions.Bench.Scaling.Reporting;

// The results file's schema: what experiments record and the report reads back. Kept together because they are one
// contract between the two sides.

/// <summary>One measured window of a closed-loop load (the last attempt, when noisy ones were measured again).</summary>
internal sealed record SeriesRecord(
    double Rps, double P50Us, double P99Us, long Requests, long Failures, double OurCores, double OtherCores, int Attempts);

/// <summary>A bulk seeding and its checks.</summary>
internal sealed record SeedRecord(
    string Storage, int Users, string Shape, double Seconds, double PayloadBytesPerUser, long StoreBytes, int ProbesCompared, int TokensValidated);

/// <summary>First validations of users whose grains were not active, one at a time.</summary>
internal sealed record ColdRecord(
    string Storage, int Users, string Cache, LatencySummary Latency, int Failures, double OtherCores, int Attempts);

/// <summary>Memory before and after activating users holding a number of sessions each.</summary>
internal sealed record MemoryRecord(
    int Users, int SessionsPerUser, long HeapBefore, long HeapAfter, long RssBefore, long RssAfter,
    int ActivationsBefore, int ActivationsAfter, double OtherCores);

/// <summary>Writes of users holding a number of credentials: one write of the whole state, then sign-out-everywhere.</summary>
internal sealed record SignOutRecord(
    string Storage, int Credentials, string Shape, int Users, int StateBytes, double SerializeUs,
    LatencySummary FullWrite, LatencySummary SignOut, int Failures, double OtherCores, int Attempts);

/// <summary>A storage-write-bound operation under concurrent load.</summary>
internal sealed record ThroughputRecord(
    string Storage, string Operation, int Iterations, int Concurrency, int Users, List<SeriesRecord> Series);

/// <summary>A bare commit loop on a store, for context: what one durable commit costs on this disk.</summary>
internal sealed record CommitRecord(string Storage, string Mode, LatencySummary Latency, double OtherCores);

/// <summary>One kind of storage recheck read (the whole state, its version only, or alternatives) of users of one
/// shape, under a closed-loop load; a query may check several users.</summary>
internal sealed record RecheckRecord(
    string Storage, string Read, string Shape, double PayloadBytesPerUser, int Users, int Concurrency, int UsersPerQuery,
    List<RecheckWindow> Series);

/// <summary>A measured window of recheck reads: queries per second, their latency, and CPU per user checked, split
/// between this process (the provider or the version query, Npgsql, the callers) and the store's server.</summary>
internal sealed record RecheckWindow(
    double Rps, double P50Us, double P99Us, long Requests, long Failures, double ProcessUsPerRead, double StoreUsPerRead,
    double OtherCores, int Attempts);
