using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Sessions.Grains.Abstractions.Tokens;
using Sessions.Grains.Users;

namespace Sessions.Tests.Hardening;

/// <summary>
/// T28 (docs/threat-model.md) as a statistical smoke test that cannot flake in CI: the front end's MAC check and the grain's
/// verifier check take as long whichever byte of a forgery is wrong, and as long as a match. Each variant is measured
/// in interleaved batches (the order rotates every round, so a noisy neighbour hurts all alike); each batch gives its
/// median, and the median of those medians is compared across variants with a generous bound — never an absolute
/// time. It catches gross regressions (an early-exit comparison loop over many bytes, a lookup keyed on the secret,
/// work skipped for some inputs); a leak of a few nanoseconds is below its resolution by design.
/// The strict version (20,000 samples per class on a quiet, pinned CPU, a two-sample Kolmogorov–Smirnov test with
/// p &gt; 0.01 and |median difference| &lt; 50 µs) belongs in bench/, where such a machine can be demanded.
/// </summary>
[Collection(TimingAlone.Name)]
public sealed class VerificationTimingTests
{
    private const int Rounds = 41;
    private const int SamplesPerBatch = 101;
    private const int CallsPerSample = 8;
    private const double MaxRatio = 1.5;

    [Fact]
    public void TheMacCheckTakesAsLongWhicheverMacByteOfAForgeryIsWrong()
    {
        var codec = new TokenCodec(new GridKeyRing(1, [new(1, RandomNumberGenerator.GetBytes(32))]));
        var valid = codec.Write(TokenKind.AccessToken, Guid.NewGuid(), Guid.NewGuid(), RandomNumberGenerator.GetBytes(TokenFields.VerifierLength));
        var firstByteWrong = WithMacByteFlipped(valid, 0);
        var lastByteWrong = WithMacByteFlipped(valid, 31);
        Assert.True(codec.TryRead(valid, out _));
        Assert.False(codec.TryRead(firstByteWrong, out _));
        Assert.False(codec.TryRead(lastByteWrong, out _));

        var medians = MedianOfBatchMedians(
            ("first MAC byte wrong", () => codec.TryRead(firstByteWrong, out _)),
            ("last MAC byte wrong", () => codec.TryRead(lastByteWrong, out _)));

        AssertIndistinguishable(medians);
    }

    [Fact]
    public void TheGrainsVerifierCheckTakesAsLongForAMatchAsForAWrongFirstOrLastByte()
    {
        var verifier = RandomNumberGenerator.GetBytes(TokenFields.VerifierLength);
        var digest = CredentialIssuer.Digest(verifier);
        var (verifierFirstWrong, verifierLastWrong) = (Flipped(verifier, 0), Flipped(verifier, 31));
        var (digestFirstWrong, digestLastWrong) = (Flipped(digest, 0), Flipped(digest, 31));
        Assert.True(CredentialIssuer.Matches(verifier, digest));
        Assert.False(CredentialIssuer.Matches(verifierFirstWrong, digest));
        Assert.False(CredentialIssuer.Matches(verifierLastWrong, digest));
        Assert.False(CredentialIssuer.Matches(verifier, digestFirstWrong));
        Assert.False(CredentialIssuer.Matches(verifier, digestLastWrong));

        var medians = MedianOfBatchMedians(
            ("correct verifier", () => CredentialIssuer.Matches(verifier, digest)),
            ("verifier's first byte wrong", () => CredentialIssuer.Matches(verifierFirstWrong, digest)),
            ("verifier's last byte wrong", () => CredentialIssuer.Matches(verifierLastWrong, digest)),
            // The digests compared then differ in their first or last byte: the comparison's own position dependence.
            ("digests differ in the first byte", () => CredentialIssuer.Matches(verifier, digestFirstWrong)),
            ("digests differ in the last byte", () => CredentialIssuer.Matches(verifier, digestLastWrong)));

        AssertIndistinguishable(medians);
    }

    private static void AssertIndistinguishable(IReadOnlyList<(string Name, double Nanoseconds)> medians)
    {
        var report = string.Join("; ", medians.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Name} {m.Nanoseconds:F0} ns")));
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        var (fastest, slowest) = (medians.Min(m => m.Nanoseconds), medians.Max(m => m.Nanoseconds));
        Assert.True(fastest > 0, report);
        Assert.True(slowest / fastest <= MaxRatio, $"slowest/fastest = {slowest / fastest:F2} > {MaxRatio}: {report}");
    }

    /// <summary>Per variant, the median over rounds of the median per-call time in one batch. The first pass only
    /// warms up (tiered JIT, caches) and is discarded.</summary>
    private static List<(string Name, double Nanoseconds)> MedianOfBatchMedians(params (string Name, Func<bool> Check)[] variants)
    {
        Measure(variants, rounds: 5);
        var batchMedians = Measure(variants, Rounds);
        return [.. variants.Select((v, i) => (v.Name, Median(batchMedians[i])))];
    }

    private static List<double>[] Measure((string Name, Func<bool> Check)[] variants, int rounds)
    {
        var batchMedians = variants.Select(_ => new List<double>()).ToArray();
        var samples = new double[SamplesPerBatch];
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var i = (round + k) % variants.Length;
                var check = variants[i].Check;
                for (var s = 0; s < samples.Length; s++)
                {
                    var start = Stopwatch.GetTimestamp();
                    for (var c = 0; c < CallsPerSample; c++)
                    {
                        check();
                    }

                    samples[s] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / CallsPerSample;
                }

                batchMedians[i].Add(Median(samples));
            }
        }

        return batchMedians;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static byte[] Flipped(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static string WithMacByteFlipped(string token, int macByte)
    {
        var body = System.Buffers.Text.Base64Url.DecodeFromChars(token.AsSpan(4));
        body[66 + macByte] ^= 0x01;
        return token[..4] + System.Buffers.Text.Base64Url.EncodeToString(body);
    }
}

/// <summary>Tests that measure time run alone, after the parallel ones, so other tests' load does not skew them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingAlone
{
    public const string Name = "timing";
}
