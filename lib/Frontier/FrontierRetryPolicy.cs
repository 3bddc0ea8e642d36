using System.ClientModel.Primitives;

namespace PricerLib.Frontier;

/// <summary>
/// The OpenAI SDK's own <see cref="ClientRetryPolicy"/> (retries 408, 429, 500, 502, 503, 504 and I/O failures,
/// exponential backoff from 0.8 s, honouring <c>Retry-After</c>) but none for a refused connection or an unknown host, with the number of retries set, the waits counted,
/// and optionally scaled (tests scale them down; the delays the policy chose are still reported unscaled).
/// </summary>
public sealed class FrontierRetryPolicy(int maxRetries, double delayScale = 1.0) : ClientRetryPolicy(maxRetries)
{
    private int _retries;

    /// <summary>How many retries this policy has made so far (over every request).</summary>
    public int Retries => _retries;

    /// <summary>Called before each retry with the delay the policy chose (Retry-After or backoff).</summary>
    public Action<TimeSpan>? Retrying { get; init; }

    /// <inheritdoc/>
    protected override bool ShouldRetry(PipelineMessage message, Exception? exception) =>
        !Unreachable.IsPermanent(exception) && base.ShouldRetry(message, exception);

    /// <inheritdoc/>
    protected override ValueTask<bool> ShouldRetryAsync(PipelineMessage message, Exception? exception) =>
        Unreachable.IsPermanent(exception) ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);

    /// <inheritdoc/>
    protected override Task WaitAsync(TimeSpan time, CancellationToken cancellationToken)
    {
        Observe(time);
        return base.WaitAsync(time * delayScale, cancellationToken);
    }

    /// <inheritdoc/>
    protected override void Wait(TimeSpan time, CancellationToken cancellationToken)
    {
        Observe(time);
        base.Wait(time * delayScale, cancellationToken);
    }

    private void Observe(TimeSpan time)
    {
        Interlocked.Increment(ref _retries);
        Retrying?.Invoke(time);
    }
}
