using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Sessions.Bench.Micro.Benchmarks;

/// <summary>
/// A response body that throws bytes away through a reused buffer, as Kestrel's connection pipe takes them without
/// allocating: a <c>DefaultHttpContext</c>'s own body writer wraps its stream in a new pipe writer (and its buffer)
/// per request, which would dominate what the result benchmarks measure.
/// </summary>
internal sealed class DiscardingResponseBody : PipeWriter, IHttpResponseBodyFeature
{
    private readonly byte[] _buffer = new byte[16 * 1024];

    public Stream Stream => Stream.Null;

    public PipeWriter Writer => this;

    /// <summary>System.Text.Json's asynchronous serialization asks how much is buffered before it flushes.</summary>
    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => 0;

    public void DisableBuffering()
    {
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task CompleteAsync() => Task.CompletedTask;

    public override void Advance(int bytes)
    {
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => _buffer;

    public override Span<byte> GetSpan(int sizeHint = 0) => _buffer;

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(default(FlushResult));

    public override void CancelPendingFlush()
    {
    }

    public override void Complete(Exception? exception = null)
    {
    }
}
